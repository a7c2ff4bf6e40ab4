package io.cqrsshop.projector;

import io.cqrsshop.projector.application.rebuild.RebuildSettings;
import io.cqrsshop.readmodel.ChangeNotice;
import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.IndexSettings;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.lifecycle.ServiceMain;
import io.cqrsshop.runtime.logging.LogFormat;
import io.cqrsshop.runtime.nats.NatsCredentials;
import io.cqrsshop.runtime.security.TlsSettings;
import io.cqrsshop.runtime.tracing.TracingSettings;
import io.cqrsshop.shared.EventSubjects;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The projector's configuration, read once from {@code PROJECTOR_*} environment variables; the
 * defaults run it next to a local NATS and Elasticsearch.
 */
public record ProjectorConfig(
    String listenHost,
    int healthPort,
    int metricsPort,
    String natsUrl,
    String natsStream,
    String natsSubjectPrefix,
    String natsConsumer,
    String changesSubjectPrefix,
    NatsCredentials natsCredentials,
    ElasticsearchConnection elasticsearch,
    String indexPrefix,
    int indexReplicas,
    String indexRefreshInterval,
    int batchSize,
    Duration ackWait,
    int rebuildBatchSize,
    Duration rebuildLease,
    Duration lifecycleInterval,
    Duration parkedRetryInterval,
    Duration shutdownGrace,
    TlsSettings tls,
    LogFormat logFormat,
    String logLevel,
    TracingSettings tracing)
    implements ServiceMain.Config {

  public static final String PREFIX = "PROJECTOR_";

  private static final Pattern REFRESH_INTERVAL =
      Pattern.compile("-1|\\d+(d|h|m|s|ms|micros|nanos)");

  /** Parses the environment, failing with every problem at once, each naming its variable. */
  public static ProjectorConfig fromEnv(Map<String, String> env) {
    return EnvReader.parse(PREFIX, env, ProjectorConfig::read);
  }

  /** Every variable the projector reads, with its prefix. */
  public static Set<String> variables() {
    return EnvReader.variables(PREFIX, ProjectorConfig::read);
  }

  private static ProjectorConfig read(EnvReader env) {
    ProjectorConfig config =
        new ProjectorConfig(
            env.string("LISTEN_HOST", "0.0.0.0"),
            env.integer("HEALTH_PORT", 50053, 0, 65535),
            env.integer("METRICS_PORT", 9093, 0, 65535),
            env.natsUrl("NATS_URL", "nats://127.0.0.1:4222"),
            env.natsName("NATS_STREAM", EventSubjects.DEFAULT_STREAM),
            env.subjectPrefix("NATS_SUBJECT_PREFIX", EventSubjects.DEFAULT_PREFIX),
            env.natsName("NATS_CONSUMER", "projector"),
            env.subjectPrefix("CHANGES_SUBJECT_PREFIX", ChangeNotice.DEFAULT_SUBJECT_PREFIX),
            NatsCredentials.read(env),
            ElasticsearchConnection.read(env),
            env.string("INDEX_PREFIX", "", IndexNames::isValidPrefix, IndexNames.PREFIX_RULE),
            env.integer("INDEX_REPLICAS", 0, 0, 10),
            env.string(
                "INDEX_REFRESH_INTERVAL",
                "1s",
                interval -> REFRESH_INTERVAL.matcher(interval).matches(),
                "an Elasticsearch time such as 1s or 500ms, or -1"),
            env.integer("BATCH_SIZE", 500, 1, 10_000),
            env.duration("ACK_WAIT", Duration.ofSeconds(30)),
            env.integer("REBUILD_BATCH_SIZE", 5_000, 1, 50_000),
            env.duration("REBUILD_LEASE", Duration.ofSeconds(30)),
            env.duration("LIFECYCLE_INTERVAL", Duration.ofSeconds(5)),
            env.duration("PARKED_RETRY_INTERVAL", Duration.ofMinutes(1)),
            env.duration("SHUTDOWN_GRACE", Duration.ofSeconds(20)),
            TlsSettings.read(env),
            env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
            env.logLevel("LOG_LEVEL", "INFO"),
            TracingSettings.read(env));
    check(config, env);
    return config;
  }

  private static void check(ProjectorConfig config, EnvReader env) {
    require(env, config.ackWait.toSeconds() >= 1, "ACK_WAIT", "at least 1s");
    require(env, config.rebuildLease.toSeconds() >= 3, "REBUILD_LEASE", "at least 3s");
    require(
        env,
        !config.lifecycleInterval.isNegative() && config.lifecycleInterval.toMillis() >= 100,
        "LIFECYCLE_INTERVAL",
        "at least 100ms");
  }

  private static void require(EnvReader env, boolean valid, String name, String expected) {
    if (!valid) {
      env.problem(PREFIX + name + " must be " + expected);
    }
  }

  public IndexNames indexNames() {
    return new IndexNames(indexPrefix);
  }

  public IndexSettings indexSettings() {
    return new IndexSettings(indexReplicas, indexRefreshInterval);
  }

  /** How rebuilds run; progress is stored often enough that the lease never runs out meanwhile. */
  public RebuildSettings rebuildSettings() {
    Duration progress =
        rebuildLease.dividedBy(6).compareTo(Duration.ofSeconds(2)) < 0
            ? rebuildLease.dividedBy(6)
            : Duration.ofSeconds(2);
    return new RebuildSettings(
        rebuildBatchSize, batchSize, rebuildLease, progress, Duration.ofSeconds(5));
  }

  /**
   * Room on each index's consumer for events in flight: a full batch for each of a few replicas, or
   * two of a rebuild's.
   */
  public long maxAckPending() {
    return Math.max(1_000, Math.max(batchSize * 4L, rebuildBatchSize * 2L));
  }
}
