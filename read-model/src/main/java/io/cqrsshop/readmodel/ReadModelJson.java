package io.cqrsshop.readmodel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * The JSON form of read-model documents, shared by the writer (projector) and the reader
 * (query-service): snake_case field names and ISO-8601 timestamps.
 */
public final class ReadModelJson {

  private ReadModelJson() {}

  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        // Registered later, so it takes precedence for reading instants.
        .registerModule(
            new SimpleModule().addDeserializer(Instant.class, new IsoInstantDeserializer()))
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // A newer projector may add fields before every reader is upgraded.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
