package io.cqrsshop.command;

import io.cqrsshop.command.infrastructure.persistence.DatabaseSettings;
import io.cqrsshop.command.infrastructure.persistence.SchemaMigration;
import io.cqrsshop.command.relay.RelaySettings;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.runtime.grpc.GrpcSettings;
import io.cqrsshop.runtime.grpc.ServerLimits;
import io.cqrsshop.runtime.lifecycle.ServiceMain;
import io.cqrsshop.runtime.logging.LogFormat;
import io.cqrsshop.runtime.nats.NatsCredentials;
import io.cqrsshop.runtime.security.AuthSettings;
import io.cqrsshop.runtime.security.TlsSettings;
import io.cqrsshop.runtime.tracing.TracingSettings;
import io.cqrsshop.shared.EventSubjects;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command service's configuration, read once from {@code COMMAND_*} environment variables.
 * Every variable has a default that works on a developer machine; a bad value fails start-up with a
 * message naming the variable.
 */
public record CommandServiceConfig(
    String listenHost,
    int grpcPort,
    int metricsPort,
    String dbUrl,
    String dbUser,
    Secret dbPassword,
    EnvReader.Credentials dbMigration,
    String dbAdminUser,
    int dbPoolSize,
    String natsUrl,
    NatsCredentials natsCredentials,
    String natsStream,
    String natsSubjectPrefix,
    int natsStreamReplicas,
    Duration natsDuplicateWindow,
    Duration natsMaxAge,
    int relayBatchSize,
    Duration relayPollInterval,
    Duration relaySessionTimeout,
    Duration relayStepDownAfter,
    Duration idempotencyRetention,
    Duration shutdownGrace,
    TlsSettings tls,
    AuthSettings auth,
    ServerLimits limits,
    LogFormat logFormat,
    String logLevel,
    TracingSettings tracing)
    implements ServiceMain.Config {

  public static final String PREFIX = "COMMAND_";

  /** Reads and checks the configuration; throws a {@code ConfigException} naming every problem. */
  public static CommandServiceConfig fromEnv(Map<String, String> env) {
    return EnvReader.parse(PREFIX, env, CommandServiceConfig::read);
  }

  /** Every variable the service reads, with its prefix (deployment manifests are checked on it). */
  public static Set<String> variables() {
    return EnvReader.variables(PREFIX, CommandServiceConfig::read);
  }

  /** How the gRPC server listens and whom it serves. */
  public GrpcSettings grpc() {
    return new GrpcSettings(listenHost, grpcPort, shutdownGrace, tls, auth, limits);
  }

  public DatabaseSettings database() {
    return new DatabaseSettings(dbUrl, dbUser, dbPassword, dbPoolSize);
  }

  /**
   * Who runs the schema's migrations ({@code COMMAND_DB_MIGRATION_USER}, the schema owner; the
   * service's own role when unset) and whom they grant rights to.
   */
  public SchemaMigration.Settings schema() {
    return new SchemaMigration.Settings(
        dbUrl,
        dbMigration.user().orElse(dbUser),
        dbMigration.user().isPresent() ? dbMigration.password() : dbPassword,
        dbUser,
        dbAdminUser);
  }

  /**
   * Whether the service migrates the schema at start, as the migration role; otherwise it only
   * checks that the schema is current ({@code command-service migrate} runs the migrations).
   */
  public boolean migratesAtStart() {
    return dbMigration.user().isPresent();
  }

  public RelaySettings relay() {
    return new RelaySettings(
        natsStream,
        natsSubjectPrefix,
        natsStreamReplicas,
        natsDuplicateWindow,
        natsMaxAge,
        relayBatchSize,
        relayPollInterval,
        relaySessionTimeout,
        relayStepDownAfter);
  }

  private static CommandServiceConfig read(EnvReader env) {
    CommandServiceConfig config =
        new CommandServiceConfig(
            env.string("LISTEN_HOST", "0.0.0.0"),
            env.integer("GRPC_PORT", 50051, 0, 65535),
            env.integer("METRICS_PORT", 9091, 0, 65535),
            env.postgresUrl("DB_URL", "jdbc:postgresql://127.0.0.1:5432/cqrsshop"),
            env.string("DB_USER", "cqrsshop"),
            env.secret("DB_PASSWORD", "cqrsshop"),
            env.credentials("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD"),
            env.string("DB_ADMIN_USER", "cqrsshop_admin"),
            env.integer("DB_POOL_SIZE", 10, 1, 500),
            env.natsUrl("NATS_URL", "nats://127.0.0.1:4222"),
            NatsCredentials.read(env),
            env.natsName("NATS_STREAM", EventSubjects.DEFAULT_STREAM),
            env.subjectPrefix("NATS_SUBJECT_PREFIX", EventSubjects.DEFAULT_PREFIX),
            env.integer("NATS_STREAM_REPLICAS", 1, 1, 5),
            env.duration("NATS_DUPLICATE_WINDOW", Duration.ofMinutes(2)),
            env.duration("NATS_MAX_AGE", Duration.ZERO),
            env.integer("RELAY_BATCH_SIZE", 500, 1, 10_000),
            env.duration("RELAY_POLL_INTERVAL", Duration.ofMillis(50)),
            env.duration("RELAY_SESSION_TIMEOUT", Duration.ofSeconds(10)),
            env.duration("RELAY_STEP_DOWN_AFTER", Duration.ofSeconds(30)),
            env.duration("IDEMPOTENCY_RETENTION", Duration.ofDays(7)),
            env.duration("SHUTDOWN_GRACE", Duration.ofSeconds(20)),
            TlsSettings.read(env),
            AuthSettings.read(env),
            ServerLimits.read(env),
            env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
            env.logLevel("LOG_LEVEL", "info").toLowerCase(Locale.ROOT),
            TracingSettings.read(env));
    check(config, env);
    return config;
  }

  private static void check(CommandServiceConfig config, EnvReader env) {
    if (config.natsDuplicateWindow().isZero()) {
      env.problem(PREFIX + "NATS_DUPLICATE_WINDOW must be positive: it dedupes republished events");
    }
    if (config.relayPollInterval().isZero()) {
      env.problem(PREFIX + "RELAY_POLL_INTERVAL must be positive");
    }
    if (config.relaySessionTimeout().compareTo(Duration.ofSeconds(2)) < 0) {
      env.problem(PREFIX + "RELAY_SESSION_TIMEOUT must be at least 2s");
    } else if (config.relaySessionTimeout().compareTo(config.relayPollInterval().multipliedBy(4))
        < 0) {
      // The leader must query more often than that, or PostgreSQL ends its healthy session.
      env.problem(PREFIX + "RELAY_SESSION_TIMEOUT must be at least 4 x RELAY_POLL_INTERVAL");
    }
    if (config.relayStepDownAfter().isZero()) {
      env.problem(PREFIX + "RELAY_STEP_DOWN_AFTER must be positive");
    }
    if (config.idempotencyRetention().compareTo(Duration.ofHours(1)) < 0) {
      // Shorter than a client's retry horizon would turn a late retry into a second effect.
      env.problem(PREFIX + "IDEMPOTENCY_RETENTION must be at least 1h");
    }
  }
}
