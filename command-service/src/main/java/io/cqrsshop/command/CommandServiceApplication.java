package io.cqrsshop.command;

import io.cqrsshop.command.api.CommandEndpoint;
import io.cqrsshop.command.infrastructure.persistence.CommandLogRetention;
import io.cqrsshop.command.infrastructure.persistence.DatabaseFailures;
import io.cqrsshop.command.infrastructure.persistence.JdbiTransactions;
import io.cqrsshop.command.infrastructure.persistence.PostgresCheck;
import io.cqrsshop.command.infrastructure.persistence.SchemaMigration;
import io.cqrsshop.command.infrastructure.persistence.WriteDatabase;
import io.cqrsshop.command.relay.JetStreamEventRelay;
import io.cqrsshop.command.relay.outbox.RelaySessions;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.runtime.grpc.GrpcServer;
import io.cqrsshop.runtime.grpc.UnavailableWhileDown;
import io.cqrsshop.runtime.grpc.UnexpectedErrorInterceptor;
import io.cqrsshop.runtime.lifecycle.RunningService;
import io.cqrsshop.runtime.lifecycle.ServiceBootstrap;
import io.cqrsshop.runtime.nats.NatsConnector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command service, wired by hand on the shared bootstrap: metrics, the write database, the NATS
 * connection and event relay, and the gRPC server. {@link #shutdown()} runs the same sequence as
 * SIGTERM: readiness checks stop, health NOT_SERVING, in-flight calls drain, the relay finishes its
 * batch and hands over leadership, then NATS, the pool and the metrics endpoint close.
 */
public final class CommandServiceApplication extends RunningService {

  private static final Logger log = LoggerFactory.getLogger(CommandServiceApplication.class);
  private static final String NAME = "command-service";
  private static final Duration READINESS_INTERVAL = Duration.ofSeconds(1);
  private static final Duration BACKLOG_INTERVAL = Duration.ofSeconds(5);
  private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);

  private CommandServiceApplication(RunningService started) {
    super(started);
  }

  /**
   * Starts every component; ports configured as 0 are chosen by the system (see {@link
   * #grpcPort()}). Needs PostgreSQL; NATS may come later.
   */
  public static CommandServiceApplication start(CommandServiceConfig config) {
    return ServiceBootstrap.start(
        NAME, config.tracing(), service -> new CommandServiceApplication(wire(service, config)));
  }

  private static RunningService wire(ServiceBootstrap service, CommandServiceConfig config) {
    log.info("starting with {}", config);
    service.serveMetrics(config.listenHost(), config.metricsPort());

    if (config.migratesAtStart()) {
      SchemaMigration.migrate(config.schema());
    }
    WriteDatabase database =
        WriteDatabase.open(config.database(), service.registry(), service.openTelemetry());
    service.onShutdown("database pool", database::close);

    // No reconnect buffer: during an outage a publish fails at once, and the relay backs off with
    // the events still in PostgreSQL, rather than holding them in client memory.
    NatsConnector nats =
        NatsConnector.start(
            NatsConnector.Settings.of(config.natsUrl(), NAME + "-relay")
                .with(config.natsCredentials())
                .withoutReconnectBuffer(),
            service.registry());
    service.onShutdown("NATS connection", nats::close);

    JetStreamEventRelay relay =
        new JetStreamEventRelay(
                config.relay(),
                relaySessions(config),
                nats,
                service.registry(),
                service.openTelemetry())
            .start();
    service.onShutdown("event relay", relay::close);
    ScheduledExecutorService housekeeping =
        housekeeping(
            relay,
            database,
            new CommandLogRetention(database.jdbi(), config.idempotencyRetention()));
    service.onShutdown("housekeeping", housekeeping::shutdownNow);

    // PostgreSQL is the only readiness dependency: not ready means it is known to be down.
    AtomicBoolean databaseDown = new AtomicBoolean();
    GrpcServer grpc =
        service.serveGrpc(
            config.grpc(),
            List.of(new CommandEndpoint(new JdbiTransactions(database.jdbi()), Clock.systemUTC())),
            List.of(
                new UnexpectedErrorInterceptor(DatabaseFailures::classify),
                new UnavailableWhileDown(
                    CommandServiceGrpc.SERVICE_NAME,
                    databaseDown::get,
                    DatabaseFailures.KNOWN_DOWN)));
    service.watchReadiness(
        List.of(new PostgresCheck(config.database())),
        ready -> {
          databaseDown.set(!ready);
          grpc.setReady(ready);
        },
        READINESS_INTERVAL,
        false);
    return service.started();
  }

  /** Unpooled connections for the relay's leader session (see the relay). */
  private static Jdbi relaySessions(CommandServiceConfig config) {
    return RelaySessions.open(
        config.dbUrl(),
        config.dbUser(),
        config.dbPassword().value(),
        NAME + "-relay",
        config.relaySessionTimeout());
  }

  /** Background chores: the relay backlog gauge, and forgetting old request ids. */
  private static ScheduledExecutorService housekeeping(
      JetStreamEventRelay relay, WriteDatabase database, CommandLogRetention retention) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("housekeeping").daemon().unstarted(runnable));
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            relay.refreshBacklog(database.jdbi());
          } catch (RuntimeException e) {
            log.debug("cannot count the relay backlog: {}", e.toString());
          }
        },
        0,
        BACKLOG_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            int purged = retention.purge();
            if (purged > 0) {
              log.info("forgot {} request ids past their retention period", purged);
            }
          } catch (RuntimeException e) {
            log.warn("cannot purge old request ids: {}", e.toString());
          }
        },
        1,
        RETENTION_INTERVAL.toMinutes(),
        TimeUnit.MINUTES);
    return scheduler;
  }
}
