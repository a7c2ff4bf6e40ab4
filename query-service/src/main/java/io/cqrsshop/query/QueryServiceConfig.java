package io.cqrsshop.query;

import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.runtime.logging.LogFormat;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything query-service reads from its {@code QUERY_*} environment variables, parsed once at
 * start-up.
 *
 * @param grpcPort 0 picks a free port (tests)
 * @param metricsPort 0 picks a free port (tests)
 * @param consistencyMaxWait how long a call with consistency tokens may wait for the read model
 * @param elasticsearchMaxConnections the Elasticsearch connection pool: the most requests in flight
 *     at once; each call makes one at a time, so this is the most calls served concurrently
 */
public record QueryServiceConfig(
    String listenHost,
    int grpcPort,
    int metricsPort,
    String elasticsearchUrl,
    Optional<String> elasticsearchUsername,
    Secret elasticsearchPassword,
    int elasticsearchMaxConnections,
    String indexPrefix,
    Duration consistencyMaxWait,
    Duration shutdownGrace,
    LogFormat logFormat,
    String logLevel) {

  public static final String PREFIX = "QUERY_";

  /** Parses the environment; throws a {@code ConfigException} naming every bad variable. */
  public static QueryServiceConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(PREFIX, env);
    QueryServiceConfig config = read(reader);
    reader.validate();
    return config;
  }

  /** Every environment variable the service reads, with its prefix. */
  public static Set<String> variables() {
    EnvReader reader = new EnvReader(PREFIX, Map.of());
    read(reader);
    return reader.names();
  }

  public ElasticsearchConnection elasticsearchConnection() {
    return new ElasticsearchConnection(
        elasticsearchUrl, elasticsearchUsername, elasticsearchPassword.value());
  }

  private static QueryServiceConfig read(EnvReader env) {
    String url = env.string("ELASTICSEARCH_URL", "http://127.0.0.1:9200");
    String username = env.string("ELASTICSEARCH_USERNAME", "");
    Secret password = env.secret("ELASTICSEARCH_PASSWORD", "");
    String prefix = env.string("INDEX_PREFIX", "");
    Duration maxWait = env.duration("CONSISTENCY_MAX_WAIT", Duration.ofSeconds(5));
    Duration grace = env.duration("SHUTDOWN_GRACE", Duration.ofSeconds(20));
    QueryServiceConfig config =
        new QueryServiceConfig(
            env.string("LISTEN_HOST", "0.0.0.0"),
            env.integer("GRPC_PORT", 50052, 0, 65_535),
            env.integer("METRICS_PORT", 9092, 0, 65_535),
            url,
            username.isEmpty() ? Optional.empty() : Optional.of(username),
            password,
            env.integer("ELASTICSEARCH_MAX_CONNECTIONS", 64, 1, 1_024),
            prefix,
            maxWait,
            grace,
            env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
            env.string("LOG_LEVEL", "INFO"));
    if (!isHttpUrl(url)) {
      env.problem(PREFIX + "ELASTICSEARCH_URL=" + url + " must be an http(s) URL with a host");
    }
    if (username.isEmpty() && !password.value().isEmpty()) {
      env.problem(
          PREFIX + "ELASTICSEARCH_PASSWORD is set but " + PREFIX + "ELASTICSEARCH_USERNAME is not");
    }
    if (!IndexNames.isValidPrefix(prefix)) {
      env.problem(
          PREFIX + "INDEX_PREFIX=" + prefix + " must be lower case letters, digits, '_', '.', '-'");
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      env.problem(PREFIX + "CONSISTENCY_MAX_WAIT must be positive");
    }
    if (grace.isNegative()) {
      env.problem(PREFIX + "SHUTDOWN_GRACE must not be negative");
    }
    return config;
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
