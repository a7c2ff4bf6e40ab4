package io.cqrsshop.query;

import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.EnvReader.Credentials;
import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.runtime.lifecycle.ServiceMain;
import io.cqrsshop.runtime.logging.LogFormat;
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
 */
public record QueryServiceConfig(
    String listenHost,
    int grpcPort,
    int metricsPort,
    String elasticsearchUrl,
    Optional<String> elasticsearchUsername,
    Secret elasticsearchPassword,
    String indexPrefix,
    Duration consistencyMaxWait,
    Duration shutdownGrace,
    LogFormat logFormat,
    String logLevel)
    implements ServiceMain.Config {

  public static final String PREFIX = "QUERY_";

  /** Parses the environment; throws a {@code ConfigException} naming every bad variable. */
  public static QueryServiceConfig fromEnv(Map<String, String> env) {
    return EnvReader.parse(PREFIX, env, QueryServiceConfig::read);
  }

  /** Every environment variable the service reads, with its prefix. */
  public static Set<String> variables() {
    return EnvReader.variables(PREFIX, QueryServiceConfig::read);
  }

  public ElasticsearchConnection elasticsearchConnection() {
    return new ElasticsearchConnection(
        elasticsearchUrl, elasticsearchUsername, elasticsearchPassword.value());
  }

  private static QueryServiceConfig read(EnvReader env) {
    String url = env.httpUrl("ELASTICSEARCH_URL", "http://127.0.0.1:9200");
    Credentials credentials = env.credentials("ELASTICSEARCH_USERNAME", "ELASTICSEARCH_PASSWORD");
    String prefix =
        env.string("INDEX_PREFIX", "", IndexNames::isValidPrefix, IndexNames.PREFIX_RULE);
    Duration maxWait = env.duration("CONSISTENCY_MAX_WAIT", Duration.ofSeconds(5));
    Duration grace = env.duration("SHUTDOWN_GRACE", Duration.ofSeconds(20));
    if (maxWait.isNegative() || maxWait.isZero()) {
      env.problem(PREFIX + "CONSISTENCY_MAX_WAIT must be positive");
    }
    if (grace.isNegative()) {
      env.problem(PREFIX + "SHUTDOWN_GRACE must not be negative");
    }
    return new QueryServiceConfig(
        env.string("LISTEN_HOST", "0.0.0.0"),
        env.integer("GRPC_PORT", 50052, 0, 65_535),
        env.integer("METRICS_PORT", 9092, 0, 65_535),
        url,
        credentials.user(),
        credentials.password(),
        prefix,
        maxWait,
        grace,
        env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
        env.logLevel("LOG_LEVEL", "INFO"));
  }
}
