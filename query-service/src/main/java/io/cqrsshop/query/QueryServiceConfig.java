package io.cqrsshop.query;

import io.cqrsshop.query.api.PageTokens;
import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.runtime.grpc.GrpcSettings;
import io.cqrsshop.runtime.grpc.ServerLimits;
import io.cqrsshop.runtime.lifecycle.ServiceMain;
import io.cqrsshop.runtime.logging.LogFormat;
import io.cqrsshop.runtime.security.AuthSettings;
import io.cqrsshop.runtime.security.TlsSettings;
import io.cqrsshop.runtime.tracing.TracingSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Everything query-service reads from its {@code QUERY_*} environment variables, parsed once at
 * start-up.
 *
 * @param grpcPort 0 picks a free port (tests)
 * @param metricsPort 0 picks a free port (tests)
 * @param consistencyMaxWait how long a call with consistency tokens may wait for the read model
 * @param consistencyWaitsPerCaller calls of one caller that may wait for consistency at once; more
 *     are RESOURCE_EXHAUSTED (consistency tokens are not signed, so a caller could otherwise hold
 *     many calls polling Elasticsearch for writes that never come)
 * @param pageTokenKey base64 of the key that seals page tokens, at least 32 bytes, the same on
 *     every replica; empty: a random key of this process (tokens then work on it only, until it
 *     restarts)
 * @param elasticsearchMaxConnections the Elasticsearch connection pool: the most requests in flight
 *     at once; each call makes one at a time, so this is the most calls served concurrently
 */
public record QueryServiceConfig(
    String listenHost,
    int grpcPort,
    int metricsPort,
    ElasticsearchConnection elasticsearch,
    int elasticsearchMaxConnections,
    String indexPrefix,
    Duration consistencyMaxWait,
    int consistencyWaitsPerCaller,
    Secret pageTokenKey,
    Duration shutdownGrace,
    TlsSettings tls,
    AuthSettings auth,
    ServerLimits limits,
    WatchSettings watches,
    LogFormat logFormat,
    String logLevel,
    TracingSettings tracing)
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

  /** How the gRPC server listens and whom it serves. */
  public GrpcSettings grpc() {
    return new GrpcSettings(listenHost, grpcPort, shutdownGrace, tls, auth, limits);
  }

  private static QueryServiceConfig read(EnvReader env) {
    String prefix =
        env.string("INDEX_PREFIX", "", IndexNames::isValidPrefix, IndexNames.PREFIX_RULE);
    Duration maxWait = env.duration("CONSISTENCY_MAX_WAIT", Duration.ofSeconds(5));
    Duration grace = env.duration("SHUTDOWN_GRACE", Duration.ofSeconds(20));
    if (maxWait.isNegative() || maxWait.isZero()) {
      env.problem(PREFIX + "CONSISTENCY_MAX_WAIT must be positive");
    }
    Secret pageTokenKey = env.secret("PAGE_TOKEN_KEY", "");
    if (!pageTokenKey.value().isEmpty() && PageTokens.key(pageTokenKey.value()).isEmpty()) {
      env.problem(
          PREFIX
              + "PAGE_TOKEN_KEY must be base64 of at least "
              + PageTokens.MIN_KEY_BYTES
              + " random bytes, such as the output of openssl rand -base64 32");
    }
    if (grace.isNegative()) {
      env.problem(PREFIX + "SHUTDOWN_GRACE must not be negative");
    }
    return new QueryServiceConfig(
        env.string("LISTEN_HOST", "0.0.0.0"),
        env.integer("GRPC_PORT", 50052, 0, 65_535),
        env.integer("METRICS_PORT", 9092, 0, 65_535),
        ElasticsearchConnection.read(env),
        env.integer("ELASTICSEARCH_MAX_CONNECTIONS", 64, 1, 1_024),
        prefix,
        maxWait,
        env.integer("MAX_CONSISTENCY_WAITS_PER_CALLER", 16, 1, 100_000),
        pageTokenKey,
        grace,
        TlsSettings.read(env),
        AuthSettings.read(env),
        ServerLimits.read(env),
        WatchSettings.read(env),
        env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
        env.logLevel("LOG_LEVEL", "INFO"),
        TracingSettings.read(env));
  }
}
