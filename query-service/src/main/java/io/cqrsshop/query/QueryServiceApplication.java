package io.cqrsshop.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.cqrsshop.query.api.FailureClassifier;
import io.cqrsshop.query.api.QueryEndpoint;
import io.cqrsshop.query.api.RequestIdInterceptor;
import io.cqrsshop.query.application.QueryUseCases;
import io.cqrsshop.query.application.ReadYourWrites;
import io.cqrsshop.query.infrastructure.ElasticsearchAggregateHistory;
import io.cqrsshop.query.infrastructure.ElasticsearchOrderHistory;
import io.cqrsshop.query.infrastructure.ElasticsearchProductCatalog;
import io.cqrsshop.query.infrastructure.ElasticsearchProjectionProgress;
import io.cqrsshop.query.infrastructure.ElasticsearchReader;
import io.cqrsshop.query.infrastructure.ElasticsearchSalesAnalytics;
import io.cqrsshop.query.infrastructure.ElasticsearchUserDirectory;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.runtime.grpc.GrpcServer;
import io.cqrsshop.runtime.grpc.UnexpectedErrorInterceptor;
import io.cqrsshop.runtime.health.DependencyCheck;
import io.cqrsshop.runtime.health.ReadinessMonitor;
import io.cqrsshop.runtime.lifecycle.ShutdownSequence;
import io.cqrsshop.runtime.metrics.Metrics;
import io.cqrsshop.runtime.metrics.MetricsServer;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * query-service, assembled: the gRPC QueryService over the Elasticsearch read models, its metrics
 * endpoint and its readiness monitor. Starts in-process for tests (ports may be 0) as well as from
 * {@link QueryServiceMain}.
 */
public final class QueryServiceApplication {

  private static final Logger log = LoggerFactory.getLogger(QueryServiceApplication.class);
  private static final String NAME = "query-service";
  private static final Duration READINESS_INTERVAL = Duration.ofSeconds(2);

  private final ShutdownSequence steps;
  private final int grpcPort;
  private final int metricsPort;

  private QueryServiceApplication(ShutdownSequence steps, int grpcPort, int metricsPort) {
    this.steps = steps;
    this.grpcPort = grpcPort;
    this.metricsPort = metricsPort;
  }

  /**
   * Starts every component; returns once the server listens. Elasticsearch need not be up, nor the
   * indices exist: the service then reports NOT_SERVING, or answers with empty results.
   */
  public static QueryServiceApplication start(QueryServiceConfig config) {
    ShutdownSequence steps = new ShutdownSequence(NAME);
    try {
      PrometheusMeterRegistry registry = Metrics.createRegistry(NAME);
      ElasticsearchClient client =
          ElasticsearchClients.create(
              config.elasticsearchConnection(), config.elasticsearchMaxConnections());
      steps.add("elasticsearch client", client::close);
      MetricsServer metrics =
          new MetricsServer(config.listenHost(), config.metricsPort(), registry).start();
      steps.add("metrics server", metrics::close);

      IndexNames names = new IndexNames(config.indexPrefix());
      ElasticsearchReader reader = new ElasticsearchReader(client, registry);
      ReadYourWrites readYourWrites =
          new ReadYourWrites(
              new ElasticsearchProjectionProgress(reader, names),
              config.consistencyMaxWait(),
              registry);
      QueryUseCases useCases =
          QueryUseCases.wire(
              readYourWrites,
              new ElasticsearchProductCatalog(reader, names),
              new ElasticsearchUserDirectory(reader, names),
              new ElasticsearchOrderHistory(reader, names),
              new ElasticsearchSalesAnalytics(reader, names),
              new ElasticsearchAggregateHistory(reader, names));

      ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
      steps.add("call executor", calls::close);
      GrpcServer server =
          new GrpcServer(
                  NettyServerBuilder.forAddress(
                          new InetSocketAddress(config.listenHost(), config.grpcPort()))
                      .executor(calls),
                  List.of(new QueryEndpoint(useCases)),
                  // The last runs first: every log line of a call, errors included, has its id.
                  List.of(
                      new UnexpectedErrorInterceptor(FailureClassifier::classify),
                      new RequestIdInterceptor()),
                  registry,
                  NAME + " gRPC")
              .start();
      steps.add("gRPC server", () -> server.shutdown(config.shutdownGrace()));

      ReadinessMonitor readiness =
          new ReadinessMonitor(
              List.of(
                  DependencyCheck.of(
                      "elasticsearch", () -> ElasticsearchClients.checkHealthy(client))),
              server::setReady,
              READINESS_INTERVAL,
              registry);
      // One round now, so that a healthy service is ready as soon as start returns.
      readiness.checkAll();
      readiness.start();
      steps.add("readiness monitor", readiness::close);

      log.info(
          "query-service started: gRPC on {}, metrics on {}, Elasticsearch {}, index prefix '{}'",
          server.port(),
          metrics.port(),
          config.elasticsearchConnection(),
          config.indexPrefix());
      return new QueryServiceApplication(steps, server.port(), metrics.port());
    } catch (RuntimeException e) {
      log.error("{} failed to start; stopping what was started", NAME, e);
      steps.run();
      throw e;
    }
  }

  public int grpcPort() {
    return grpcPort;
  }

  public int metricsPort() {
    return metricsPort;
  }

  /**
   * Stops gracefully, as on SIGTERM: readiness NOT_SERVING, no new calls, in-flight calls finish
   * within the shutdown grace, then metrics and the Elasticsearch client close. Safe to call more
   * than once; later calls wait for the first to finish.
   */
  public void shutdown() {
    steps.run();
  }

  /** Runs {@link #shutdown()} when the JVM is asked to exit (SIGTERM, Ctrl-C). */
  public QueryServiceApplication shutdownOnSignal() {
    steps.installHook();
    return this;
  }

  /** Blocks until the application has stopped. */
  public void awaitTermination() {
    steps.awaitTermination();
  }
}
