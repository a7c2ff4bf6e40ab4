package io.cqrsshop.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.LogFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectorConfigTest {

  @Test
  void fromEnv_nothingSet_usesLocalDefaults() {
    ProjectorConfig config = ProjectorConfig.fromEnv(Map.of());

    assertThat(config.listenHost()).isEqualTo("0.0.0.0");
    assertThat(config.healthPort()).isEqualTo(50053);
    assertThat(config.metricsPort()).isEqualTo(9093);
    assertThat(config.natsUrl()).isEqualTo("nats://127.0.0.1:4222");
    assertThat(config.natsStream()).isEqualTo("SHOP_EVENTS");
    assertThat(config.natsSubjectPrefix()).isEqualTo("shop.events");
    assertThat(config.natsConsumer()).isEqualTo("projector");
    assertThat(config.elasticsearch().url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(config.elasticsearch().username()).isEmpty();
    assertThat(config.indexPrefix()).isEmpty();
    assertThat(config.indexReplicas()).isZero();
    assertThat(config.indexRefreshInterval()).isEqualTo("1s");
    assertThat(config.batchSize()).isEqualTo(500);
    assertThat(config.ackWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(config.logLevel()).isEqualTo("INFO");
  }

  @Test
  void fromEnv_everythingSet_readsEveryVariable() {
    ProjectorConfig config =
        ProjectorConfig.fromEnv(
            Map.ofEntries(
                Map.entry("PROJECTOR_LISTEN_HOST", "127.0.0.1"),
                Map.entry("PROJECTOR_HEALTH_PORT", "0"),
                Map.entry("PROJECTOR_METRICS_PORT", "19093"),
                Map.entry("PROJECTOR_NATS_URL", "nats://nats:4222"),
                Map.entry("PROJECTOR_NATS_STREAM", "TEST_EVENTS"),
                Map.entry("PROJECTOR_NATS_SUBJECT_PREFIX", "test.events"),
                Map.entry("PROJECTOR_NATS_CONSUMER", "projector-test"),
                Map.entry("PROJECTOR_ELASTICSEARCH_URL", "https://es:9200"),
                Map.entry("PROJECTOR_ELASTICSEARCH_USERNAME", "projector"),
                Map.entry("PROJECTOR_ELASTICSEARCH_PASSWORD", "s3cret"),
                Map.entry("PROJECTOR_INDEX_PREFIX", "staging-"),
                Map.entry("PROJECTOR_INDEX_REPLICAS", "1"),
                Map.entry("PROJECTOR_INDEX_REFRESH_INTERVAL", "500ms"),
                Map.entry("PROJECTOR_BATCH_SIZE", "50"),
                Map.entry("PROJECTOR_ACK_WAIT", "10s"),
                Map.entry("PROJECTOR_SHUTDOWN_GRACE", "5s"),
                Map.entry("PROJECTOR_LOG_FORMAT", "json"),
                Map.entry("PROJECTOR_LOG_LEVEL", "debug")));

    assertThat(config.listenHost()).isEqualTo("127.0.0.1");
    assertThat(config.healthPort()).isZero();
    assertThat(config.metricsPort()).isEqualTo(19093);
    assertThat(config.natsUrl()).isEqualTo("nats://nats:4222");
    assertThat(config.natsSubjectPrefix()).isEqualTo("test.events");
    assertThat(config.natsStream()).isEqualTo("TEST_EVENTS");
    assertThat(config.natsConsumer()).isEqualTo("projector-test");
    assertThat(config.elasticsearch().url()).isEqualTo("https://es:9200");
    assertThat(config.elasticsearch().username()).isEqualTo(Optional.of("projector"));
    assertThat(config.elasticsearch().password().value()).isEqualTo("s3cret");
    assertThat(config.indexNames().alias(io.cqrsshop.readmodel.ReadModel.USERS))
        .isEqualTo("staging-users");
    assertThat(config.indexSettings().replicas()).isEqualTo(1);
    assertThat(config.indexSettings().refreshInterval()).isEqualTo("500ms");
    assertThat(config.batchSize()).isEqualTo(50);
    assertThat(config.ackWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
  }

  @Test
  void fromEnv_badValues_failsNamingEveryBadVariable() {
    assertThatThrownBy(
            () ->
                ProjectorConfig.fromEnv(
                    Map.of(
                        "PROJECTOR_HEALTH_PORT", "70000",
                        "PROJECTOR_BATCH_SIZE", "many",
                        "PROJECTOR_ACK_WAIT", "soon",
                        "PROJECTOR_NATS_STREAM", "shop.events",
                        "PROJECTOR_NATS_SUBJECT_PREFIX", "shop.*",
                        "PROJECTOR_INDEX_PREFIX", "Upper",
                        "PROJECTOR_INDEX_REFRESH_INTERVAL", "often",
                        "PROJECTOR_ELASTICSEARCH_URL", "es:9200",
                        "PROJECTOR_LOG_LEVEL", "loud")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContainingAll(
            "PROJECTOR_HEALTH_PORT",
            "PROJECTOR_BATCH_SIZE",
            "PROJECTOR_ACK_WAIT",
            "PROJECTOR_NATS_STREAM",
            "PROJECTOR_NATS_SUBJECT_PREFIX",
            "PROJECTOR_INDEX_PREFIX",
            "PROJECTOR_INDEX_REFRESH_INTERVAL",
            "PROJECTOR_ELASTICSEARCH_URL",
            "PROJECTOR_LOG_LEVEL");
  }

  @Test
  void fromEnv_usernameWithoutPassword_fails() {
    assertThatThrownBy(
            () -> ProjectorConfig.fromEnv(Map.of("PROJECTOR_ELASTICSEARCH_USERNAME", "projector")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PROJECTOR_ELASTICSEARCH_PASSWORD");
  }

  @Test
  void toString_withPassword_doesNotShowIt() {
    ProjectorConfig config =
        ProjectorConfig.fromEnv(
            Map.of(
                "PROJECTOR_ELASTICSEARCH_USERNAME", "projector",
                "PROJECTOR_ELASTICSEARCH_PASSWORD", "s3cret"));

    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void variables_ofProjector_listsEveryVariableItReads() {
    assertThat(ProjectorConfig.variables())
        .containsExactlyInAnyOrder(
            "PROJECTOR_LISTEN_HOST",
            "PROJECTOR_HEALTH_PORT",
            "PROJECTOR_METRICS_PORT",
            "PROJECTOR_NATS_URL",
            "PROJECTOR_NATS_STREAM",
            "PROJECTOR_NATS_SUBJECT_PREFIX",
            "PROJECTOR_NATS_CONSUMER",
            "PROJECTOR_CHANGES_SUBJECT_PREFIX",
            "PROJECTOR_ELASTICSEARCH_URL",
            "PROJECTOR_ELASTICSEARCH_USERNAME",
            "PROJECTOR_ELASTICSEARCH_PASSWORD",
            "PROJECTOR_ELASTICSEARCH_PASSWORD_FILE",
            "PROJECTOR_INDEX_PREFIX",
            "PROJECTOR_INDEX_REPLICAS",
            "PROJECTOR_INDEX_REFRESH_INTERVAL",
            "PROJECTOR_BATCH_SIZE",
            "PROJECTOR_ACK_WAIT",
            "PROJECTOR_REBUILD_BATCH_SIZE",
            "PROJECTOR_REBUILD_LEASE",
            "PROJECTOR_LIFECYCLE_INTERVAL",
            "PROJECTOR_PARKED_RETRY_INTERVAL",
            "PROJECTOR_SHUTDOWN_GRACE",
            "PROJECTOR_LOG_FORMAT",
            "PROJECTOR_LOG_LEVEL",
            "PROJECTOR_NATS_USER",
            "PROJECTOR_NATS_PASSWORD",
            "PROJECTOR_NATS_PASSWORD_FILE",
            "PROJECTOR_NATS_CREDS_FILE",
            "PROJECTOR_NATS_TLS_CA_FILE",
            "PROJECTOR_ELASTICSEARCH_CA_FILE",
            "PROJECTOR_ELASTICSEARCH_API_KEY",
            "PROJECTOR_ELASTICSEARCH_API_KEY_FILE",
            "PROJECTOR_TLS_CERT_FILE",
            "PROJECTOR_TLS_KEY_FILE",
            "PROJECTOR_TLS_CLIENT_CA_FILE",
            "PROJECTOR_TLS_CLIENT_AUTH",
            "PROJECTOR_TLS_PLAINTEXT_HEALTH_PORT");
  }
}
