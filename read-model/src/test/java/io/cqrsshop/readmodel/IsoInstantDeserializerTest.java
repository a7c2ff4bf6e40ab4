package io.cqrsshop.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantDeserializerTest {

  private final ObjectMapper json = ReadModelJson.objectMapper();

  private record Stamped(Instant at) {}

  @Test
  void parse_whatInstantToStringWrites_givesTheSameInstant() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 10_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_135_596_800L, 253_402_300_799L),
              switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
              });
      assertThat(IsoInstantDeserializer.parse(instant.toString()))
          .as(instant.toString())
          .contains(instant);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-01T10:15:30",
        "2026-12-01T10:15:30.Z",
        "2026-12-01T10:15:30+01:00",
        "2026-02-30T10:15:30Z",
        "2026-13-01T10:15:30Z",
        "2026-12-01T24:00:00Z",
        "2026-12-01T23:59:60Z",
        "2026-12-01 10:15:30Z",
        "2026-12-01T10:15:30.1234567890Z",
        "+12026-12-01T10:15:30Z",
        "2026-12-0xT10:15:30Z"
      })
  void parse_anyOtherForm_isLeftToTheStandardParser(String text) {
    assertThat(IsoInstantDeserializer.parse(text)).isEqualTo(Optional.empty());
  }

  @Test
  void readValue_formsOnlyTheStandardParserKnows_stillRead() throws Exception {
    assertThat(json.readValue("{\"at\":\"2026-12-01T11:15:30+01:00\"}", Stamped.class).at())
        .isEqualTo(Instant.parse("2026-12-01T10:15:30Z"));
    assertThat(json.readValue("{\"at\":1764584130.5}", Stamped.class).at())
        .isEqualTo(Instant.ofEpochSecond(1_764_584_130L, 500_000_000));
    assertThat(json.readValue("{\"at\":\"2026-12-01T10:15:30.25Z\"}", Stamped.class).at())
        .isEqualTo(Instant.parse("2026-12-01T10:15:30.25Z"));
  }
}
