package io.cqrsshop.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReaderTest {

  private enum Format {
    TEXT,
    JSON
  }

  @Test
  void getters_unsetOrBlank_returnDefaults() {
    var env = new EnvReader("APP_", Map.of("APP_PORT", "  "));

    assertThat(env.integer("PORT", 8080, 1, 65535)).isEqualTo(8080);
    assertThat(env.string("HOST", "0.0.0.0")).isEqualTo("0.0.0.0");
    assertThat(env.duration("GRACE", Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    env.validate();
  }

  @Test
  void getters_setValues_areParsed() {
    var env =
        new EnvReader(
            "APP_",
            Map.of(
                "APP_PORT", "9000",
                "APP_GRACE", "250ms",
                "APP_WAIT", "PT3S",
                "APP_KEEP", "7d",
                "APP_FORMAT", "json",
                "APP_ON", "yes"));

    assertThat(env.integer("PORT", 1, 1, 65535)).isEqualTo(9000);
    assertThat(env.duration("GRACE", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(env.duration("WAIT", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
    assertThat(env.duration("KEEP", Duration.ZERO)).isEqualTo(Duration.ofDays(7));
    assertThat(env.oneOf("FORMAT", Format.class, Format.TEXT)).isEqualTo(Format.JSON);
    assertThat(env.bool("ON", false)).isTrue();
    env.validate();
  }

  @Test
  void validate_badValues_failsNamingEveryVariable() {
    var env =
        new EnvReader(
            "APP_",
            Map.of("APP_PORT", "70000", "APP_GRACE", "soon", "APP_FORMAT", "xml", "APP_N", "x"));
    env.integer("PORT", 1, 1, 65535);
    env.duration("GRACE", Duration.ZERO);
    env.oneOf("FORMAT", Format.class, Format.TEXT);
    env.longValue("N", 1, 0, 10);
    env.requiredString("URL");

    assertThatThrownBy(env::validate)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("APP_PORT=70000")
        .hasMessageContaining("APP_GRACE=soon")
        .hasMessageContaining("APP_FORMAT=xml")
        .hasMessageContaining("APP_N=x")
        .hasMessageContaining("APP_URL is required");
  }

  @Test
  void names_listsEveryVariableRead() {
    var env = new EnvReader("APP_", Map.of());
    env.string("HOST", "h");
    env.secret("PASSWORD", "");
    env.requiredString("URL");

    assertThat(env.names()).containsExactly("APP_HOST", "APP_PASSWORD", "APP_URL");
    assertThat(env.requiredNames()).containsExactly("APP_URL");
  }

  @Test
  void secret_neverPrintsItsValue() {
    assertThat(new Secret("hunter2").toString()).doesNotContain("hunter2");
  }
}
