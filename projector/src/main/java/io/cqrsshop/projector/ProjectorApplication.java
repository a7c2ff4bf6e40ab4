package io.cqrsshop.projector;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.cqrsshop.projector.application.Backoff;
import io.cqrsshop.projector.application.EventInterpreter;
import io.cqrsshop.projector.application.LiveProjections;
import io.cqrsshop.projector.application.ProjectingBatch;
import io.cqrsshop.projector.application.ProjectionLoop;
import io.cqrsshop.projector.application.ProjectorMetrics;
import io.cqrsshop.projector.application.ReadModelLifecycle;
import io.cqrsshop.projector.application.ReplayingParkedEvents;
import io.cqrsshop.projector.application.StopSignal;
import io.cqrsshop.projector.application.rebuild.RebuildContext;
import io.cqrsshop.projector.application.rebuild.RebuildMetrics;
import io.cqrsshop.projector.infrastructure.ConsumerLagProbe;
import io.cqrsshop.projector.infrastructure.ControlIndices;
import io.cqrsshop.projector.infrastructure.ElasticsearchIndexAdmin;
import io.cqrsshop.projector.infrastructure.ElasticsearchParkedEvents;
import io.cqrsshop.projector.infrastructure.ElasticsearchReadModelStore;
import io.cqrsshop.projector.infrastructure.ElasticsearchRebuildRecords;
import io.cqrsshop.projector.infrastructure.IndexConsumers;
import io.cqrsshop.projector.infrastructure.JetStreamEventSource;
import io.cqrsshop.projector.infrastructure.JetStreamEventStream;
import io.cqrsshop.projector.infrastructure.NatsChangeAnnouncements;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModelIndices;
import io.cqrsshop.runtime.grpc.GrpcServer;
import io.cqrsshop.runtime.grpc.GrpcSettings;
import io.cqrsshop.runtime.grpc.ServerLimits;
import io.cqrsshop.runtime.health.DependencyCheck;
import io.cqrsshop.runtime.lifecycle.RunningService;
import io.cqrsshop.runtime.lifecycle.ServiceBootstrap;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.cqrsshop.runtime.security.AuthSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running projector: health and metrics endpoints, connections to NATS and Elasticsearch, and
 * the live projections. {@link #start} returns at once, also while NATS or Elasticsearch is down:
 * the projector reports not ready and keeps trying until they are back. {@link #shutdown()} runs
 * the same sequence as SIGTERM: not ready at once, no new fetches, the batches in flight written
 * and acknowledged within the shutdown grace (or handed back), then the connections and endpoints
 * close.
 */
public final class ProjectorApplication extends RunningService {

  private static final Logger log = LoggerFactory.getLogger(ProjectorApplication.class);
  private static final String NAME = "projector";
  private static final Duration READINESS_INTERVAL = Duration.ofSeconds(2);
  private static final Duration LAG_INTERVAL = Duration.ofSeconds(5);
  private static final Duration HEALTH_SERVER_GRACE = Duration.ofSeconds(2);

  private ProjectorApplication(RunningService started) {
    super(started);
  }

  /** Starts every component; ports given as 0 are chosen by the system (see the accessors). */
  public static ProjectorApplication start(ProjectorConfig config) {
    return start(config, ProjectorBuild.current());
  }

  /** Starts a projector of the given build (tests run older and newer builds side by side). */
  public static ProjectorApplication start(ProjectorConfig config, ProjectorBuild build) {
    log.info(
        "{} starting: NATS {} stream {} consumers {}_<index>, Elasticsearch {} prefix '{}'",
        NAME,
        config.natsUrl(),
        config.natsStream(),
        config.natsConsumer(),
        config.elasticsearch(),
        config.indexPrefix());
    return ServiceBootstrap.start(
        NAME, config.tracing(), service -> new ProjectorApplication(wire(service, config, build)));
  }

  /** The port of the health server (gRPC health and reflection). */
  public int healthPort() {
    return grpcPort();
  }

  private static RunningService wire(
      ServiceBootstrap service, ProjectorConfig config, ProjectorBuild build) {
    PrometheusMeterRegistry registry = service.registry();
    service.serveMetrics(config.listenHost(), config.metricsPort());
    // Up first and down last: liveness holds while the batch in flight is written at shutdown.
    GrpcServer healthServer =
        service.serveHealth(
            new GrpcSettings(
                config.listenHost(),
                config.healthPort(),
                HEALTH_SERVER_GRACE,
                config.tls(),
                AuthSettings.off(),
                ServerLimits.defaults()));

    ElasticsearchClient elasticsearch =
        ElasticsearchClients.create(config.elasticsearch(), service.openTelemetry());
    service.onShutdown("Elasticsearch client", () -> elasticsearch._transport().close());
    // The default reconnect buffer keeps acknowledgements made during a blip, and the flush on
    // close sends the last ones, so fewer events are redelivered.
    NatsConnector nats =
        NatsConnector.start(
            NatsConnector.Settings.of(config.natsUrl(), NAME)
                .with(config.natsCredentials())
                .withFlushOnClose(),
            registry);
    service.onShutdown("NATS connection", nats::close);

    ProjectorMetrics metrics = new ProjectorMetrics(registry, Clock.systemUTC());
    IndexConsumers consumers =
        new IndexConsumers(
            nats,
            config.natsStream(),
            config.natsSubjectPrefix(),
            config.natsConsumer(),
            config.indexNames(),
            config.ackWait(),
            config.maxAckPending());

    Clock clock = Clock.systemUTC();
    StopSignal stop = new StopSignal(clock);
    ElasticsearchReadModelStore store =
        new ElasticsearchReadModelStore(elasticsearch, config.indexNames());
    ElasticsearchParkedEvents parked =
        new ElasticsearchParkedEvents(elasticsearch, config.indexNames());
    ElasticsearchRebuildRecords records =
        new ElasticsearchRebuildRecords(elasticsearch, config.indexNames());
    ElasticsearchIndexAdmin indices =
        new ElasticsearchIndexAdmin(
            new ReadModelIndices(elasticsearch, config.indexNames(), config.indexSettings()));
    EventInterpreter interpreter = new EventInterpreter(build.projection(), build.schemas(), clock);
    RebuildContext rebuilds =
        new RebuildContext(
            records,
            indices,
            new JetStreamEventStream(consumers),
            interpreter,
            store,
            parked,
            metrics,
            new RebuildMetrics(registry),
            config.rebuildSettings(),
            Backoff.standard(),
            stop,
            clock,
            owner());
    ProjectingBatch projecting =
        new ProjectingBatch(
            interpreter,
            store,
            parked,
            metrics,
            Backoff.standard(),
            stop,
            service.openTelemetry().getTracer("io.cqrsshop.projector"),
            new NatsChangeAnnouncements(nats, config.changesSubjectPrefix()));
    LiveProjections projections =
        new LiveProjections(
            index ->
                new JetStreamEventSource(
                    nats, consumers.of(index.model(), index.name(), Optional.empty())),
            (index, source) ->
                new ProjectionLoop(
                    index, source, projecting, config.batchSize(), Backoff.standard(), stop));
    ConsumerLagProbe lagProbe =
        new ConsumerLagProbe(
                nats,
                config.natsStream(),
                () ->
                    projections.indices().stream()
                        .map(index -> IndexNames.consumer(config.natsConsumer(), index))
                        .toList(),
                metrics)
            .start(LAG_INTERVAL);
    service.onShutdown("consumer lag probe", lagProbe::close);
    ReadModelLifecycle lifecycle =
        new ReadModelLifecycle(
            rebuilds,
            projections,
            consumers::deleteAllBut,
            new ReplayingParkedEvents(parked, interpreter, store, indices, records, clock),
            config.parkedRetryInterval());
    ControlIndices control =
        new ControlIndices(elasticsearch, config.indexNames(), config.indexSettings());
    ScheduledExecutorService lifecycleTicks =
        Executors.newSingleThreadScheduledExecutor(
            runnable ->
                Thread.ofPlatform().name("read-model-lifecycle").daemon().unstarted(runnable));
    AtomicBoolean controlReady = new AtomicBoolean();
    lifecycleTicks.scheduleWithFixedDelay(
        () -> {
          if (controlReady.get() || ensureControlIndices(control)) {
            controlReady.set(true);
            lifecycle.run();
          }
        },
        0,
        config.lifecycleInterval().toMillis(),
        TimeUnit.MILLISECONDS);
    service.onShutdown(
        "read-model lifecycle",
        () -> {
          lifecycleTicks.shutdownNow();
          lifecycle.awaitRebuilds(config.shutdownGrace());
        });
    service.onShutdown("live projections", () -> finish(projections, stop, config.shutdownGrace()));

    // Registered before the checks, so it runs after they stopped: nothing sets ready again.
    service.onShutdown("health NOT_SERVING", () -> healthServer.setReady(false));
    service.watchReadiness(
        List.of(
            DependencyCheck.of("nats", nats::connected),
            DependencyCheck.of(
                "elasticsearch", () -> ElasticsearchClients.checkHealthy(elasticsearch))),
        healthServer::setReady,
        READINESS_INTERVAL,
        false);
    return service.started();
  }

  /** Names this process in rebuild leases: the host (the pod, on Kubernetes) and the process. */
  private static String owner() {
    String host = System.getenv().getOrDefault("HOSTNAME", "");
    if (host.isEmpty()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "unknown-host";
      }
    }
    return host
        + "/"
        + ProcessHandle.current().pid()
        + "/"
        + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /** Lets the batches in flight finish within the grace, then waits for the loops to end. */
  private static void finish(LiveProjections projections, StopSignal stop, Duration grace)
      throws InterruptedException {
    stop.stop(grace);
    // A little beyond the grace: each loop itself gives up on its batch when the grace ends.
    if (!projections.awaitEnded(grace.plusSeconds(5))) {
      log.warn("projection loops still busy after {}; their events will be redelivered", grace);
    }
  }

  /** Creates the projector's own indices; false (logged) while Elasticsearch cannot. */
  private static boolean ensureControlIndices(ControlIndices control) {
    try {
      control.ensure();
      return true;
    } catch (Exception e) {
      log.warn("cannot create the projector's own indices yet, trying again: {}", e.toString());
      return false;
    }
  }
}
