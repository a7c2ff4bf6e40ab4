package io.cqrsshop.query.infrastructure;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON body a request builder produces, for assertions on its shape. */
final class RequestJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestJson() {}

  static JsonNode of(Object request) {
    try {
      return JSON.readTree(JsonpUtils.toJsonString(request, new JacksonJsonpMapper()));
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
