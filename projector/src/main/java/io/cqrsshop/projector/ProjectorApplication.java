package io.cqrsshop.projector;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.cqrsshop.projector.application.Backoff;
import io.cqrsshop.projector.application.ProjectingBatch;
import io.cqrsshop.projector.application.ProjectionLoop;
import io.cqrsshop.projector.application.ProjectorMetrics;
import io.cqrsshop.projector.application.StopSignal;
import io.cqrsshop.projector.infrastructure.ConsumerLagProbe;
import io.cqrsshop.projector.infrastructure.ElasticsearchHealthCheck;
import io.cqrsshop.projector.infrastructure.ElasticsearchReadModelStore;
import io.cqrsshop.projector.infrastructure.JetStreamDurableConsumer;
import io.cqrsshop.projector.infrastructure.JetStreamEventSource;
import io.cqrsshop.projector.infrastructure.NatsConnectionCheck;
import io.cqrsshop.projector.infrastructure.NatsConnector;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.readmodel.ReadModelIndices;
import io.cqrsshop.runtime.grpc.GrpcServer;
import io.cqrsshop.runtime.health.ReadinessMonitor;
import io.cqrsshop.runtime.metrics.Metrics;
import io.cqrsshop.runtime.metrics.MetricsServer;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running projector: health and metrics endpoints, connections to NATS and Elasticsearch, and
 * the projection loop. {@link #start} returns at once, also while NATS or Elasticsearch is down:
 * the projector reports not ready and keeps trying until they are back.
 */
public final class ProjectorApplication {

  private static final Logger log = LoggerFactory.getLogger(ProjectorApplication.class);
  private static final Duration READINESS_INTERVAL = Duration.ofSeconds(2);
  private static final Duration LAG_INTERVAL = Duration.ofSeconds(5);

  private final Duration shutdownGrace;
  private final MetricsServer metricsServer;
  private final GrpcServer healthServer;
  private final ElasticsearchClient elasticsearch;
  private final NatsConnector nats;
  private final ReadinessMonitor readiness;
  private final ConsumerLagProbe lagProbe;
  private final StopSignal stop = new StopSignal(Clock.systemUTC());
  private final Thread loop;
  private boolean stopped;

  private ProjectorApplication(ProjectorConfig config) {
    shutdownGrace = config.shutdownGrace();
    PrometheusMeterRegistry registry = Metrics.createRegistry("projector");
    metricsServer = new MetricsServer(config.listenHost(), config.metricsPort(), registry).start();
    healthServer = startHealthServer(config, registry);
    elasticsearch = ElasticsearchClients.create(config.elasticsearch());
    nats = new NatsConnector(config.natsUrl(), registry).start();
    readiness =
        new ReadinessMonitor(
                List.of(new NatsConnectionCheck(nats), new ElasticsearchHealthCheck(elasticsearch)),
                healthServer::setReady,
                READINESS_INTERVAL,
                registry)
            .start();
    ProjectorMetrics metrics = new ProjectorMetrics(registry, Clock.systemUTC());
    JetStreamDurableConsumer durable =
        new JetStreamDurableConsumer(
            config.natsStream(),
            config.natsConsumer(),
            config.subjectFilter(),
            config.ackWait(),
            config.batchSize());
    lagProbe = new ConsumerLagProbe(nats, durable, metrics).start(LAG_INTERVAL);
    ElasticsearchReadModelStore store =
        new ElasticsearchReadModelStore(
            elasticsearch,
            config.indexNames(),
            new ReadModelIndices(elasticsearch, config.indexNames(), config.indexSettings()));
    ProjectionLoop projection =
        new ProjectionLoop(
            new JetStreamEventSource(nats, durable),
            store,
            new ProjectingBatch(store, metrics, Backoff.standard(), stop),
            config.batchSize(),
            Backoff.standard(),
            stop);
    loop = Thread.ofPlatform().name("projection").start(projection);
  }

  private GrpcServer startHealthServer(ProjectorConfig config, PrometheusMeterRegistry registry) {
    try {
      return new GrpcServer(
              NettyServerBuilder.forAddress(
                  new InetSocketAddress(config.listenHost(), config.healthPort())),
              List.of(),
              List.of(),
              registry,
              "projector health")
          .start();
    } catch (RuntimeException e) {
      // Only the metrics server runs yet, and its thread would keep the JVM alive.
      metricsServer.close();
      throw e;
    }
  }

  /** Starts every component; ports given as 0 are chosen by the system (see the accessors). */
  public static ProjectorApplication start(ProjectorConfig config) {
    log.info(
        "projector starting: NATS {} stream {} consumer {}, Elasticsearch {} prefix '{}'",
        config.natsUrl(),
        config.natsStream(),
        config.natsConsumer(),
        config.elasticsearch(),
        config.indexPrefix());
    return new ProjectorApplication(config);
  }

  public int healthPort() {
    return healthServer.port();
  }

  public int metricsPort() {
    return metricsServer.port();
  }

  /**
   * Stops as on SIGTERM: not ready at once, no new fetches, the batch in flight written and
   * acknowledged within the shutdown grace (or handed back), then connections closed. Idempotent; a
   * second caller waits for the first.
   */
  public synchronized void shutdown() {
    if (stopped) {
      return;
    }
    stopped = true;
    log.info("projector stopping (grace {})", shutdownGrace);
    readiness.close();
    healthServer.setReady(false);
    stop.stop(shutdownGrace);
    awaitLoop();
    lagProbe.close();
    quietly("NATS connection", nats::close);
    quietly("Elasticsearch client", () -> elasticsearch._transport().close());
    healthServer.shutdown(Duration.ofSeconds(2));
    metricsServer.close();
    log.info("projector stopped");
  }

  private void awaitLoop() {
    try {
      // A little beyond the grace: the loop itself gives up on its batch when the grace ends.
      if (!loop.join(shutdownGrace.plusSeconds(5))) {
        log.warn(
            "projection loop still busy after {}; its events will be redelivered", shutdownGrace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void quietly(String what, AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("closing {} failed: {}", what, e.toString());
    }
  }
}
