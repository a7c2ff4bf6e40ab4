package io.cqrsshop.projector;

import io.cqrsshop.projector.application.rebuild.RebuildSettings;
import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.IndexSettings;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.runtime.logging.LogFormat;
import io.cqrsshop.shared.EventSubjects;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
    String elasticsearchUrl,
    Optional<String> elasticsearchUsername,
    Secret elasticsearchPassword,
    String indexPrefix,
    int indexReplicas,
    String indexRefreshInterval,
    int batchSize,
    Duration ackWait,
    int rebuildBatchSize,
    Duration rebuildLease,
    Duration rebuildSwapGrace,
    Duration lifecycleInterval,
    Duration parkedRetryInterval,
    Duration shutdownGrace,
    LogFormat logFormat,
    String logLevel) {

  public static final String PREFIX = "PROJECTOR_";

  // JetStream names: no whitespace, dots or wildcards; subject tokens: no wildcards or empties.
  private static final Pattern NATS_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern SUBJECT_PREFIX =
      Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Pattern REFRESH_INTERVAL =
      Pattern.compile("-1|\\d+(d|h|m|s|ms|micros|nanos)");
  private static final Pattern HTTP_URL = Pattern.compile("https?://[^/\\s]+/?");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  /** Parses the environment, failing with every problem at once, each naming its variable. */
  public static ProjectorConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(PREFIX, env);
    ProjectorConfig config = read(reader);
    check(config, reader);
    reader.validate();
    return config;
  }

  /** Every variable the projector reads, with its prefix. */
  public static Set<String> variables() {
    EnvReader reader = new EnvReader(PREFIX, Map.of());
    read(reader);
    return Set.copyOf(reader.names());
  }

  private static ProjectorConfig read(EnvReader env) {
    String username = env.string("ELASTICSEARCH_USERNAME", "");
    return new ProjectorConfig(
        env.string("LISTEN_HOST", "0.0.0.0"),
        env.integer("HEALTH_PORT", 50053, 0, 65535),
        env.integer("METRICS_PORT", 9093, 0, 65535),
        env.string("NATS_URL", "nats://127.0.0.1:4222"),
        env.string("NATS_STREAM", EventSubjects.DEFAULT_STREAM),
        env.string("NATS_SUBJECT_PREFIX", EventSubjects.DEFAULT_PREFIX),
        env.string("NATS_CONSUMER", "projector"),
        env.string("ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
        username.isEmpty() ? Optional.empty() : Optional.of(username),
        env.secret("ELASTICSEARCH_PASSWORD", ""),
        env.string("INDEX_PREFIX", ""),
        env.integer("INDEX_REPLICAS", 0, 0, 10),
        env.string("INDEX_REFRESH_INTERVAL", "1s"),
        env.integer("BATCH_SIZE", 500, 1, 10_000),
        env.duration("ACK_WAIT", Duration.ofSeconds(30)),
        env.integer("REBUILD_BATCH_SIZE", 5_000, 1, 50_000),
        env.duration("REBUILD_LEASE", Duration.ofSeconds(30)),
        env.duration("REBUILD_SWAP_GRACE", Duration.ofSeconds(15)),
        env.duration("LIFECYCLE_INTERVAL", Duration.ofSeconds(5)),
        env.duration("PARKED_RETRY_INTERVAL", Duration.ofMinutes(1)),
        env.duration("SHUTDOWN_GRACE", Duration.ofSeconds(20)),
        env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
        env.string("LOG_LEVEL", "INFO"));
  }

  private static void check(ProjectorConfig config, EnvReader env) {
    require(env, NATS_NAME.matcher(config.natsStream).matches(), "NATS_STREAM", "a stream name");
    require(
        env, NATS_NAME.matcher(config.natsConsumer).matches(), "NATS_CONSUMER", "a consumer name");
    require(
        env,
        SUBJECT_PREFIX.matcher(config.natsSubjectPrefix).matches(),
        "NATS_SUBJECT_PREFIX",
        "dotted subject tokens without wildcards");
    require(
        env,
        config.natsUrl.startsWith("nats://") || config.natsUrl.startsWith("tls://"),
        "NATS_URL",
        "a nats:// or tls:// URL");
    require(
        env,
        HTTP_URL.matcher(config.elasticsearchUrl).matches(),
        "ELASTICSEARCH_URL",
        "an http(s)://host:port URL");
    require(
        env,
        IndexNames.isValidPrefix(config.indexPrefix),
        "INDEX_PREFIX",
        "lower case letters, digits, '_', '.', '-'");
    require(
        env,
        REFRESH_INTERVAL.matcher(config.indexRefreshInterval).matches(),
        "INDEX_REFRESH_INTERVAL",
        "an Elasticsearch time such as 1s or 500ms, or -1");
    require(
        env,
        LOG_LEVELS.contains(config.logLevel.toUpperCase(java.util.Locale.ROOT)),
        "LOG_LEVEL",
        "one of " + LOG_LEVELS);
    require(env, config.ackWait.toSeconds() >= 1, "ACK_WAIT", "at least 1s");
    require(env, config.rebuildLease.toSeconds() >= 3, "REBUILD_LEASE", "at least 3s");
    require(
        env,
        !config.lifecycleInterval.isNegative() && config.lifecycleInterval.toMillis() >= 100,
        "LIFECYCLE_INTERVAL",
        "at least 100ms");
    require(
        env,
        config.rebuildSwapGrace.compareTo(config.lifecycleInterval.multipliedBy(2)) >= 0,
        "REBUILD_SWAP_GRACE",
        "at least two PROJECTOR_LIFECYCLE_INTERVALs, so that every replica sees a swap within it");
    if (config.elasticsearchUsername.isPresent()
        && config.elasticsearchPassword.value().isEmpty()) {
      env.problem(
          PREFIX
              + "ELASTICSEARCH_PASSWORD is required when "
              + PREFIX
              + "ELASTICSEARCH_USERNAME is set");
    }
  }

  private static void require(EnvReader env, boolean valid, String name, String expected) {
    if (!valid) {
      env.problem(PREFIX + name + " must be " + expected);
    }
  }

  public ElasticsearchConnection elasticsearch() {
    return new ElasticsearchConnection(
        elasticsearchUrl, elasticsearchUsername, elasticsearchPassword.value());
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
        rebuildBatchSize,
        batchSize,
        rebuildLease,
        rebuildSwapGrace,
        progress,
        Duration.ofSeconds(5));
  }

  /** The subjects the projector consumes: every event under the prefix. */
  public String subjectFilter() {
    return EventSubjects.all(natsSubjectPrefix);
  }
}
