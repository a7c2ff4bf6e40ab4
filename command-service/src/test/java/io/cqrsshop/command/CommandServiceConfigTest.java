package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.LogFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandServiceConfigTest {

  @Test
  void fromEnv_nothingSet_usesLocalDefaults() {
    CommandServiceConfig config = CommandServiceConfig.fromEnv(Map.of());

    assertThat(config.listenHost()).isEqualTo("0.0.0.0");
    assertThat(config.grpcPort()).isEqualTo(50051);
    assertThat(config.metricsPort()).isEqualTo(9091);
    assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/cqrsshop");
    assertThat(config.dbPassword().value()).isEqualTo("cqrsshop");
    assertThat(config.dbPoolSize()).isEqualTo(10);
    assertThat(config.natsStream()).isEqualTo("SHOP_EVENTS");
    assertThat(config.natsSubjectPrefix()).isEqualTo("shop.events");
    assertThat(config.natsDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.natsMaxAge()).isZero();
    assertThat(config.relayBatchSize()).isEqualTo(500);
    assertThat(config.relayPollInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.relaySessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.relayStepDownAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.idempotencyRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void fromEnv_values_areParsed() {
    CommandServiceConfig config =
        CommandServiceConfig.fromEnv(
            Map.of(
                "COMMAND_GRPC_PORT", "6000",
                "COMMAND_NATS_MAX_AGE", "720h",
                "COMMAND_RELAY_POLL_INTERVAL", "20ms",
                "COMMAND_LOG_FORMAT", "json",
                "COMMAND_LOG_LEVEL", "DEBUG"));

    assertThat(config.grpcPort()).isEqualTo(6000);
    assertThat(config.natsMaxAge()).isEqualTo(Duration.ofDays(30));
    assertThat(config.relayPollInterval()).isEqualTo(Duration.ofMillis(20));
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.logLevel()).isEqualTo("debug");
  }

  @Test
  void fromEnv_badValues_failNamingEveryVariable() {
    assertThatThrownBy(
            () ->
                CommandServiceConfig.fromEnv(
                    Map.of(
                        "COMMAND_GRPC_PORT", "70000",
                        "COMMAND_DB_URL", "postgres://x",
                        "COMMAND_NATS_DUPLICATE_WINDOW", "0s",
                        "COMMAND_RELAY_SESSION_TIMEOUT", "1s",
                        "COMMAND_RELAY_STEP_DOWN_AFTER", "0s",
                        "COMMAND_LOG_LEVEL", "loud",
                        "COMMAND_GRPC_HANDSHAKE_TIMEOUT", "500ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COMMAND_GRPC_PORT")
        .hasMessageContaining("COMMAND_DB_URL")
        .hasMessageContaining("COMMAND_NATS_DUPLICATE_WINDOW")
        .hasMessageContaining("COMMAND_RELAY_SESSION_TIMEOUT")
        .hasMessageContaining("COMMAND_RELAY_STEP_DOWN_AFTER")
        .hasMessageContaining("COMMAND_LOG_LEVEL")
        .hasMessageContaining("COMMAND_GRPC_HANDSHAKE_TIMEOUT");
  }

  @Test
  void toString_neverShowsThePassword() {
    assertThat(CommandServiceConfig.fromEnv(Map.of("COMMAND_DB_PASSWORD", "s3cret")).toString())
        .doesNotContain("s3cret");
  }

  @Test
  void variables_listsTheContractWithDeployments() {
    assertThat(CommandServiceConfig.variables())
        .containsExactlyInAnyOrder(
            "COMMAND_LISTEN_HOST",
            "COMMAND_GRPC_PORT",
            "COMMAND_METRICS_PORT",
            "COMMAND_DB_URL",
            "COMMAND_DB_USER",
            "COMMAND_DB_PASSWORD",
            "COMMAND_DB_PASSWORD_FILE",
            "COMMAND_DB_POOL_SIZE",
            "COMMAND_DB_MIGRATION_USER",
            "COMMAND_DB_MIGRATION_PASSWORD",
            "COMMAND_DB_MIGRATION_PASSWORD_FILE",
            "COMMAND_DB_ADMIN_USER",
            "COMMAND_NATS_URL",
            "COMMAND_NATS_STREAM",
            "COMMAND_NATS_SUBJECT_PREFIX",
            "COMMAND_NATS_STREAM_REPLICAS",
            "COMMAND_NATS_DUPLICATE_WINDOW",
            "COMMAND_NATS_MAX_AGE",
            "COMMAND_RELAY_BATCH_SIZE",
            "COMMAND_RELAY_POLL_INTERVAL",
            "COMMAND_RELAY_SESSION_TIMEOUT",
            "COMMAND_RELAY_STEP_DOWN_AFTER",
            "COMMAND_IDEMPOTENCY_RETENTION",
            "COMMAND_SHUTDOWN_GRACE",
            "COMMAND_LOG_FORMAT",
            "COMMAND_LOG_LEVEL",
            "COMMAND_NATS_USER",
            "COMMAND_NATS_PASSWORD",
            "COMMAND_NATS_PASSWORD_FILE",
            "COMMAND_NATS_CREDS_FILE",
            "COMMAND_NATS_TLS_CA_FILE",
            "COMMAND_TLS_CERT_FILE",
            "COMMAND_TLS_KEY_FILE",
            "COMMAND_TLS_CLIENT_CA_FILE",
            "COMMAND_TLS_CLIENT_AUTH",
            "COMMAND_TLS_PLAINTEXT_HEALTH_PORT",
            "COMMAND_AUTH_JWKS_URL",
            "COMMAND_AUTH_PUBLIC_KEY_FILE",
            "COMMAND_AUTH_ISSUER",
            "COMMAND_AUTH_AUDIENCE",
            "COMMAND_AUTH_CLOCK_SKEW",
            "COMMAND_AUTH_ACCEPTED_TOKEN_TYPES",
            "COMMAND_REFLECTION",
            "COMMAND_GRPC_MAX_CALLS_PER_CONNECTION",
            "COMMAND_GRPC_MAX_CALLS_PER_CALLER",
            "COMMAND_GRPC_MAX_CONNECTION_AGE",
            "COMMAND_GRPC_MAX_CONNECTION_IDLE",
            "COMMAND_GRPC_KEEPALIVE_MIN_INTERVAL",
            "COMMAND_GRPC_MAX_MESSAGE_BYTES",
            "COMMAND_GRPC_HANDSHAKE_TIMEOUT",
            "COMMAND_GRPC_KEEPALIVE_TIME");
  }
}
