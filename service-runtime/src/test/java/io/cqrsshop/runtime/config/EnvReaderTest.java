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
  void urls_withCredentialsInThem_areRefusedWithoutRepeatingThem() {
    var env =
        new EnvReader(
            "APP_",
            Map.of(
                "APP_NATS_URL", "nats://relay:s3cret@nats:4222",
                "APP_DB_URL", "jdbc:postgresql://db/shop?user=shop&password=s3cret",
                "APP_ES_URL", "https://elastic:s3cret@es:9200"));

    env.natsUrl("NATS_URL", "nats://127.0.0.1:4222");
    env.postgresUrl("DB_URL", "jdbc:postgresql://127.0.0.1/shop");
    env.httpUrl("ES_URL", "http://127.0.0.1:9200");

    assertThatThrownBy(env::validate)
        .hasMessageContaining("APP_NATS_URL")
        .hasMessageContaining("APP_DB_URL")
        .hasMessageContaining("APP_ES_URL")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void natsUrl_severalServersWithTls_isAccepted() {
    var env = new EnvReader("APP_", Map.of("APP_NATS_URL", "tls://nats-0:4222,tls://nats-1:4222"));

    assertThat(env.natsUrl("NATS_URL", "")).isEqualTo("tls://nats-0:4222,tls://nats-1:4222");
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

    assertThat(env.names())
        .containsExactly("APP_HOST", "APP_PASSWORD", "APP_PASSWORD_FILE", "APP_URL");
    assertThat(env.requiredNames()).containsExactly("APP_URL");
  }

  @Test
  void secret_fromAFile_isItsContent_andBothWaysAtOnceIsAProblem(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
    java.nio.file.Path file = directory.resolve("password");
    java.nio.file.Files.writeString(file, "s3cret\n");

    var fromFile = new EnvReader("APP_", Map.of("APP_PASSWORD_FILE", file.toString()));
    assertThat(fromFile.secret("PASSWORD", "").value()).isEqualTo("s3cret");

    assertThatThrownBy(
            () ->
                EnvReader.parse(
                    "APP_",
                    Map.of("APP_PASSWORD", "x", "APP_PASSWORD_FILE", file.toString()),
                    env -> env.secret("PASSWORD", "")))
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(
            () ->
                EnvReader.parse(
                    "APP_",
                    Map.of("APP_PASSWORD_FILE", directory.resolve("nope").toString()),
                    env -> env.secret("PASSWORD", "")))
        .hasMessageContaining("APP_PASSWORD_FILE")
        .hasMessageContaining("cannot be read");
  }

  @Test
  void secret_neverPrintsItsValue() {
    assertThat(new Secret("hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void sharedChecks_badValues_areProblemsNamingTheirVariables() {
    var env =
        new EnvReader(
            "APP_",
            Map.of(
                "APP_NATS_URL", "http://nats:4222",
                "APP_STREAM", "SHOP.EVENTS",
                "APP_SUBJECTS", "shop.>",
                "APP_DB_URL", "postgres://db",
                "APP_ES_URL", "es:9200",
                "APP_LOG_LEVEL", "loud"));

    env.natsUrl("NATS_URL", "nats://127.0.0.1:4222");
    env.natsName("STREAM", "SHOP_EVENTS");
    env.subjectPrefix("SUBJECTS", "shop.events");
    env.postgresUrl("DB_URL", "jdbc:postgresql://127.0.0.1/db");
    env.httpUrl("ES_URL", "http://127.0.0.1:9200");
    env.logLevel("LOG_LEVEL", "info");

    assertThatThrownBy(env::validate)
        .hasMessageContainingAll(
            "APP_NATS_URL",
            "APP_STREAM",
            "APP_SUBJECTS",
            "APP_DB_URL",
            "APP_ES_URL",
            "APP_LOG_LEVEL");
  }

  @Test
  void sharedChecks_goodValues_areTakenAsGiven() {
    var env =
        new EnvReader("APP_", Map.of("APP_LOG_LEVEL", "DEBUG", "APP_ES_URL", "https://es:9200"));

    assertThat(env.logLevel("LOG_LEVEL", "info")).isEqualTo("DEBUG");
    assertThat(env.httpUrl("ES_URL", "http://127.0.0.1:9200")).isEqualTo("https://es:9200");
    env.validate();
  }

  @Test
  void credentials_userWithoutPassword_orTheReverse_isAProblem() {
    var userOnly = new EnvReader("APP_", Map.of("APP_USER", "elastic"));
    userOnly.credentials("USER", "PASSWORD");
    var passwordOnly = new EnvReader("APP_", Map.of("APP_PASSWORD", "s3cret"));
    passwordOnly.credentials("USER", "PASSWORD");

    assertThatThrownBy(userOnly::validate).hasMessageContaining("APP_PASSWORD");
    assertThatThrownBy(passwordOnly::validate)
        .hasMessageContaining("APP_USER")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void parse_readsOnceAndFailsWithEveryProblem() {
    assertThatThrownBy(
            () ->
                EnvReader.parse(
                    "APP_",
                    Map.of("APP_PORT", "x", "APP_LOG_LEVEL", "loud"),
                    env -> env.integer("PORT", 1, 1, 9) + env.logLevel("LOG_LEVEL", "info")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContainingAll("APP_PORT", "APP_LOG_LEVEL");
    assertThat(EnvReader.variables("APP_", env -> env.string("HOST", "") + env.string("PORT", "")))
        .containsExactlyInAnyOrder("APP_HOST", "APP_PORT");
  }
}
