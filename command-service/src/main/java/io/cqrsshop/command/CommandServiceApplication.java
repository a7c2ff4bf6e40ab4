package io.cqrsshop.command;

import io.cqrsshop.command.api.CommandEndpoint;
import io.cqrsshop.command.infrastructure.persistence.CommandLogRetention;
import io.cqrsshop.command.infrastructure.persistence.DatabaseFailures;
import io.cqrsshop.command.infrastructure.persistence.JdbiTransactions;
import io.cqrsshop.command.infrastructure.persistence.PostgresCheck;
import io.cqrsshop.command.infrastructure.persistence.WriteDatabase;
import io.cqrsshop.command.relay.JetStreamEventRelay;
import io.cqrsshop.command.relay.outbox.RelaySessions;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.runtime.grpc.GrpcServer;
import io.cqrsshop.runtime.grpc.UnavailableWhileDown;
import io.cqrsshop.runtime.grpc.UnexpectedErrorInterceptor;
import io.cqrsshop.runtime.health.ReadinessMonitor;
import io.cqrsshop.runtime.lifecycle.ShutdownSequence;
import io.cqrsshop.runtime.metrics.Metrics;
import io.cqrsshop.runtime.metrics.MetricsServer;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command service, wired by hand: metrics, the write database, the NATS connection and event
 * relay, and the gRPC server. {@link #shutdown()} runs the same sequence as SIGTERM: health
 * NOT_SERVING, in-flight calls drain, the relay finishes its batch and hands over leadership, then
 * NATS, the pool and the metrics endpoint close.
 */
public final class CommandServiceApplication {

  private static final Logger log = LoggerFactory.getLogger(CommandServiceApplication.class);
  private static final String NAME = "command-service";
  private static final Duration READINESS_INTERVAL = Duration.ofSeconds(1);
  private static final Duration BACKLOG_INTERVAL = Duration.ofSeconds(5);
  private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);

  private final ShutdownSequence shutdown;
  private final int grpcPort;
  private final int metricsPort;

  private CommandServiceApplication(ShutdownSequence shutdown, int grpcPort, int metricsPort) {
    this.shutdown = shutdown;
    this.grpcPort = grpcPort;
    this.metricsPort = metricsPort;
  }

  /**
   * Starts every component; ports configured as 0 are chosen by the system (see {@link
   * #grpcPort()}). Needs PostgreSQL; NATS may come later.
   */
  public static CommandServiceApplication start(CommandServiceConfig config) {
    ShutdownSequence shutdown = new ShutdownSequence(NAME);
    try {
      return start(config, shutdown);
    } catch (RuntimeException e) {
      log.error("{} failed to start; stopping what was started", NAME, e);
      shutdown.run();
      throw e;
    }
  }

  private static CommandServiceApplication start(
      CommandServiceConfig config, ShutdownSequence shutdown) {
    log.info("starting with {}", config);
    PrometheusMeterRegistry registry = Metrics.createRegistry(NAME);
    MetricsServer metrics =
        new MetricsServer(config.listenHost(), config.metricsPort(), registry).start();
    shutdown.add("metrics server", metrics::close);

    WriteDatabase database = WriteDatabase.open(config.database(), registry);
    shutdown.add("database pool", database::close);

    // No reconnect buffer: during an outage a publish fails at once, and the relay backs off with
    // the events still in PostgreSQL, rather than holding them in client memory.
    NatsConnector nats =
        NatsConnector.start(
            NatsConnector.Settings.of(config.natsUrl(), NAME + "-relay").withoutReconnectBuffer(),
            registry);
    shutdown.add("NATS connection", nats::close);

    JetStreamEventRelay relay =
        new JetStreamEventRelay(config.relay(), relaySessions(config), nats, registry).start();
    shutdown.add("event relay", relay::close);
    ScheduledExecutorService housekeeping =
        housekeeping(
            relay,
            database,
            new CommandLogRetention(database.jdbi(), config.idempotencyRetention()));
    shutdown.add("housekeeping", housekeeping::shutdownNow);

    ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    shutdown.add("gRPC call executor", calls::close);
    // PostgreSQL is the only readiness dependency: not ready means it is known to be down.
    AtomicBoolean databaseDown = new AtomicBoolean();
    GrpcServer grpc =
        new GrpcServer(
                NettyServerBuilder.forAddress(
                        new InetSocketAddress(config.listenHost(), config.grpcPort()))
                    .executor(calls),
                List.of(
                    new CommandEndpoint(new JdbiTransactions(database.jdbi()), Clock.systemUTC())),
                List.of(
                    new UnexpectedErrorInterceptor(DatabaseFailures::classify),
                    new UnavailableWhileDown(
                        CommandServiceGrpc.SERVICE_NAME,
                        databaseDown::get,
                        DatabaseFailures.KNOWN_DOWN)),
                registry,
                NAME + " gRPC")
            .start();
    ReadinessMonitor readiness =
        new ReadinessMonitor(
                List.of(new PostgresCheck(config.database())),
                ready -> {
                  databaseDown.set(!ready);
                  grpc.setReady(ready);
                },
                READINESS_INTERVAL,
                registry)
            .start();
    shutdown.add("readiness checks", readiness::close);
    shutdown.add("gRPC server", () -> grpc.shutdown(config.shutdownGrace()));
    return new CommandServiceApplication(shutdown, grpc.port(), metrics.port());
  }

  public int grpcPort() {
    return grpcPort;
  }

  public int metricsPort() {
    return metricsPort;
  }

  /** Stops gracefully, as on SIGTERM; later calls wait for the first to finish. */
  public void shutdown() {
    shutdown.run();
  }

  /** Runs {@link #shutdown()} when the JVM is asked to exit (SIGTERM, Ctrl-C). */
  public CommandServiceApplication shutdownOnSignal() {
    shutdown.installHook();
    return this;
  }

  /** Blocks until the application has stopped. */
  public void awaitTermination() {
    shutdown.awaitTermination();
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
