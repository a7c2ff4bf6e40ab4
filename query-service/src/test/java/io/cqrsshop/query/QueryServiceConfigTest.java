package io.cqrsshop.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryServiceConfigTest {

  private static final String PAGE_TOKEN_KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void fromEnv_empty_usesLocalDefaults() {
    var config = QueryServiceConfig.fromEnv(Map.of());

    assertThat(config.listenHost()).isEqualTo("0.0.0.0");
    assertThat(config.grpcPort()).isEqualTo(50052);
    assertThat(config.metricsPort()).isEqualTo(9092);
    assertThat(config.elasticsearch().url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(config.elasticsearch().username()).isEmpty();
    assertThat(config.indexPrefix()).isEmpty();
    assertThat(config.consistencyMaxWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.consistencyWaitsPerCaller()).isEqualTo(16);
    assertThat(config.pageTokenKey().value()).as("a random key per process").isEmpty();
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(config.logLevel()).isEqualTo("INFO");
  }

  @Test
  void fromEnv_everyVariableSet_parsesThem() {
    var config =
        QueryServiceConfig.fromEnv(
            Map.ofEntries(
                Map.entry("QUERY_LISTEN_HOST", "127.0.0.1"),
                Map.entry("QUERY_GRPC_PORT", "0"),
                Map.entry("QUERY_METRICS_PORT", "9999"),
                Map.entry("QUERY_ELASTICSEARCH_URL", "https://search.internal:9200"),
                Map.entry("QUERY_ELASTICSEARCH_USERNAME", "query"),
                Map.entry("QUERY_ELASTICSEARCH_PASSWORD", "s3cret"),
                Map.entry("QUERY_ELASTICSEARCH_MAX_CONNECTIONS", "128"),
                Map.entry("QUERY_INDEX_PREFIX", "staging-"),
                Map.entry("QUERY_CONSISTENCY_MAX_WAIT", "750ms"),
                Map.entry("QUERY_MAX_CONSISTENCY_WAITS_PER_CALLER", "4"),
                Map.entry("QUERY_PAGE_TOKEN_KEY", PAGE_TOKEN_KEY),
                Map.entry("QUERY_SHUTDOWN_GRACE", "5s"),
                Map.entry("QUERY_LOG_FORMAT", "json"),
                Map.entry("QUERY_LOG_LEVEL", "DEBUG")));

    assertThat(config.grpcPort()).isZero();
    assertThat(config.elasticsearch().username()).isEqualTo(Optional.of("query"));
    assertThat(config.elasticsearch().password().value()).isEqualTo("s3cret");
    assertThat(config.elasticsearchMaxConnections()).isEqualTo(128);
    assertThat(config.indexPrefix()).isEqualTo("staging-");
    assertThat(config.consistencyMaxWait()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.consistencyWaitsPerCaller()).isEqualTo(4);
    assertThat(config.pageTokenKey().value()).isEqualTo(PAGE_TOKEN_KEY);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain(PAGE_TOKEN_KEY);
  }

  @Test
  void fromEnv_badValues_failsNamingEveryVariable() {
    assertThatThrownBy(
            () ->
                QueryServiceConfig.fromEnv(
                    Map.of(
                        "QUERY_GRPC_PORT", "70000",
                        "QUERY_ELASTICSEARCH_URL", "search:9200",
                        "QUERY_INDEX_PREFIX", "Upper",
                        "QUERY_CONSISTENCY_MAX_WAIT", "soon",
                        "QUERY_ELASTICSEARCH_PASSWORD", "orphan")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("QUERY_GRPC_PORT")
        .hasMessageContaining("QUERY_ELASTICSEARCH_URL")
        .hasMessageContaining("QUERY_INDEX_PREFIX")
        .hasMessageContaining("QUERY_CONSISTENCY_MAX_WAIT")
        .hasMessageContaining("QUERY_ELASTICSEARCH_USERNAME")
        .hasMessageNotContaining("orphan");
  }

  @Test
  void fromEnv_pageTokenKeyFromAFile_isReadFromIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("page-token-key"), PAGE_TOKEN_KEY + "\n");

    var config = QueryServiceConfig.fromEnv(Map.of("QUERY_PAGE_TOKEN_KEY_FILE", file.toString()));

    assertThat(config.pageTokenKey().value()).isEqualTo(PAGE_TOKEN_KEY);
  }

  @Test
  void fromEnv_pageTokenKeyTooShortOrNotBase64_isRejected() {
    String short31 = Base64.getEncoder().encodeToString(new byte[31]);

    for (String bad : new String[] {short31, "not base64!"}) {
      assertThatThrownBy(() -> QueryServiceConfig.fromEnv(Map.of("QUERY_PAGE_TOKEN_KEY", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("QUERY_PAGE_TOKEN_KEY must be base64 of at least 32")
          .hasMessageNotContaining(bad);
    }
  }

  @Test
  void fromEnv_noConsistencyWaitsPerCaller_isRejected() {
    assertThatThrownBy(
            () -> QueryServiceConfig.fromEnv(Map.of("QUERY_MAX_CONSISTENCY_WAITS_PER_CALLER", "0")))
        .hasMessageContaining("QUERY_MAX_CONSISTENCY_WAITS_PER_CALLER");
  }

  @Test
  void fromEnv_zeroMaxWait_isRejected() {
    assertThatThrownBy(() -> QueryServiceConfig.fromEnv(Map.of("QUERY_CONSISTENCY_MAX_WAIT", "0s")))
        .hasMessageContaining("QUERY_CONSISTENCY_MAX_WAIT");
  }

  @Test
  void variables_listsEveryVariableTheServiceReads() {
    assertThat(QueryServiceConfig.variables())
        .containsExactlyInAnyOrder(
            "QUERY_LISTEN_HOST",
            "QUERY_GRPC_PORT",
            "QUERY_METRICS_PORT",
            "QUERY_ELASTICSEARCH_URL",
            "QUERY_ELASTICSEARCH_USERNAME",
            "QUERY_ELASTICSEARCH_PASSWORD",
            "QUERY_ELASTICSEARCH_PASSWORD_FILE",
            "QUERY_ELASTICSEARCH_MAX_CONNECTIONS",
            "QUERY_INDEX_PREFIX",
            "QUERY_CONSISTENCY_MAX_WAIT",
            "QUERY_MAX_CONSISTENCY_WAITS_PER_CALLER",
            "QUERY_PAGE_TOKEN_KEY",
            "QUERY_PAGE_TOKEN_KEY_FILE",
            "QUERY_SHUTDOWN_GRACE",
            "QUERY_NATS_URL",
            "QUERY_NATS_USER",
            "QUERY_NATS_PASSWORD",
            "QUERY_NATS_PASSWORD_FILE",
            "QUERY_NATS_CREDS_FILE",
            "QUERY_NATS_TLS_CA_FILE",
            "QUERY_CHANGES_SUBJECT_PREFIX",
            "QUERY_WATCH_RECHECK_INTERVAL",
            "QUERY_MAX_WATCHES_PER_CALLER",
            "QUERY_MAX_WATCHES_PER_CONNECTION",
            "QUERY_LOG_FORMAT",
            "QUERY_LOG_LEVEL",
            "QUERY_ELASTICSEARCH_CA_FILE",
            "QUERY_ELASTICSEARCH_API_KEY",
            "QUERY_ELASTICSEARCH_API_KEY_FILE",
            "QUERY_TLS_CERT_FILE",
            "QUERY_TLS_KEY_FILE",
            "QUERY_TLS_CLIENT_CA_FILE",
            "QUERY_TLS_CLIENT_AUTH",
            "QUERY_TLS_PLAINTEXT_HEALTH_PORT",
            "QUERY_AUTH_JWKS_URL",
            "QUERY_AUTH_PUBLIC_KEY_FILE",
            "QUERY_AUTH_ISSUER",
            "QUERY_AUTH_AUDIENCE",
            "QUERY_AUTH_CLOCK_SKEW",
            "QUERY_AUTH_ACCEPTED_TOKEN_TYPES",
            "QUERY_REFLECTION",
            "QUERY_GRPC_MAX_CALLS_PER_CONNECTION",
            "QUERY_GRPC_MAX_CALLS_PER_CALLER",
            "QUERY_GRPC_MAX_CONNECTION_AGE",
            "QUERY_GRPC_MAX_CONNECTION_IDLE",
            "QUERY_GRPC_KEEPALIVE_MIN_INTERVAL",
            "QUERY_GRPC_MAX_MESSAGE_BYTES",
            "QUERY_GRPC_HANDSHAKE_TIMEOUT",
            "QUERY_GRPC_KEEPALIVE_TIME");
  }
}
