package io.cqrsshop.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.cqrsshop.query.api.FailureClassifier;
import io.cqrsshop.query.api.PageTokens;
import io.cqrsshop.query.api.QueryEndpoint;
import io.cqrsshop.query.api.RequestIdInterceptor;
import io.cqrsshop.query.application.ReadModels;
import io.cqrsshop.query.application.ReadYourWrites;
import io.cqrsshop.query.application.Reads;
import io.cqrsshop.query.application.watch.Watches;
import io.cqrsshop.query.application.watch.Watching;
import io.cqrsshop.query.infrastructure.ElasticsearchProjectionProgress;
import io.cqrsshop.query.infrastructure.ElasticsearchReader;
import io.cqrsshop.query.infrastructure.HistoryQueries;
import io.cqrsshop.query.infrastructure.NatsChangeFeed;
import io.cqrsshop.query.infrastructure.OrderQueries;
import io.cqrsshop.query.infrastructure.ProductQueries;
import io.cqrsshop.query.infrastructure.SalesQueries;
import io.cqrsshop.query.infrastructure.UserQueries;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.runtime.grpc.GrpcServer;
import io.cqrsshop.runtime.grpc.StreamsPerClient;
import io.cqrsshop.runtime.grpc.UnexpectedErrorInterceptor;
import io.cqrsshop.runtime.health.DependencyCheck;
import io.cqrsshop.runtime.lifecycle.RunningService;
import io.cqrsshop.runtime.lifecycle.ServiceBootstrap;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * query-service, assembled on the shared bootstrap: the gRPC QueryService over the Elasticsearch
 * read models, its metrics endpoint and its readiness monitor. Starts in-process for tests (ports
 * may be 0) as well as from {@link QueryServiceMain}. {@link #shutdown()} runs the same sequence as
 * SIGTERM: readiness NOT_SERVING, no new calls, in-flight calls finish within the shutdown grace,
 * then the Elasticsearch client and the metrics endpoint close.
 */
public final class QueryServiceApplication extends RunningService {

  private static final Logger log = LoggerFactory.getLogger(QueryServiceApplication.class);
  private static final String NAME = "query-service";
  private static final Duration READINESS_INTERVAL = Duration.ofSeconds(2);

  private QueryServiceApplication(RunningService started) {
    super(started);
  }

  /**
   * Starts every component; returns once the server listens. Elasticsearch need not be up, nor the
   * indices exist: the service then reports NOT_SERVING, or answers with empty results.
   */
  public static QueryServiceApplication start(QueryServiceConfig config) {
    return ServiceBootstrap.start(
        NAME, config.tracing(), service -> new QueryServiceApplication(wire(service, config)));
  }

  private static RunningService wire(ServiceBootstrap service, QueryServiceConfig config) {
    PrometheusMeterRegistry registry = service.registry();
    ElasticsearchClient client =
        ElasticsearchClients.create(
            config.elasticsearch(), config.elasticsearchMaxConnections(), service.openTelemetry());
    service.onShutdown("elasticsearch client", client::close);
    service.serveMetrics(config.listenHost(), config.metricsPort());

    IndexNames names = new IndexNames(config.indexPrefix());
    ElasticsearchReader reader = new ElasticsearchReader(client, registry);
    ReadYourWrites readYourWrites =
        new ReadYourWrites(
            new ElasticsearchProjectionProgress(reader, names),
            config.consistencyMaxWait(),
            config.consistencyWaitsPerCaller(),
            registry,
            service.openTelemetry().getTracer("io.cqrsshop.query"));
    ProductQueries products = new ProductQueries(reader, names);
    OrderQueries orders = new OrderQueries(reader, names);
    ReadModels readModels =
        new ReadModels(
            new Reads(readYourWrites),
            products,
            new UserQueries(reader, names),
            orders,
            new SalesQueries(reader, names),
            new HistoryQueries(reader, names));

    Watches watches =
        new Watches(products, orders, registry).recheckEvery(config.watches().recheckInterval());
    service.onShutdown("watch re-checks", watches::close);
    NatsConnector nats =
        NatsConnector.start(
            NatsConnector.Settings.of(config.watches().natsUrl(), NAME)
                .with(config.watches().natsCredentials()),
            registry);
    service.onShutdown("NATS connection", nats::close);
    new NatsChangeFeed(nats, config.watches().changesSubjectPrefix(), watches).start();

    GrpcServer server =
        service.serveGrpc(
            config.grpc(),
            List.of(
                new QueryEndpoint(
                    readModels,
                    pageTokens(config),
                    new Watching(watches, readYourWrites, products, orders))),
            // The last runs first: every log line of a call, errors included, has its id.
            List.of(
                new UnexpectedErrorInterceptor(FailureClassifier::classify),
                new RequestIdInterceptor(),
                new StreamsPerClient(
                    config.watches().maxPerCaller(), config.watches().maxPerConnection())));
    // Registered after the server, so it runs before the server's drain: a watch never ends by
    // itself, and its client resumes on another replica at once.
    service.onShutdown("watches", () -> watches.endAll(Watching.shuttingDown()));
    // The first round now, so that a healthy service is ready as soon as start returns.
    service.watchReadiness(
        List.of(
            DependencyCheck.of("elasticsearch", () -> ElasticsearchClients.checkHealthy(client))),
        server::setReady,
        READINESS_INTERVAL,
        true);

    RunningService started = service.started();
    log.info(
        "query-service started: gRPC on {}, metrics on {}, Elasticsearch {}, index prefix '{}'",
        started.grpcPort(),
        started.metricsPort(),
        config.elasticsearch(),
        config.indexPrefix());
    return started;
  }

  private static PageTokens pageTokens(QueryServiceConfig config) {
    if (config.pageTokenKey().value().isEmpty()) {
      log.warn(
          "QUERY_PAGE_TOKEN_KEY is not set: page tokens are sealed with a random key, so they work"
              + " only on this replica until it restarts; set the same key on every replica");
      return PageTokens.sealedWithRandomKey();
    }
    // Checked when the configuration was read.
    return PageTokens.sealedWith(PageTokens.key(config.pageTokenKey().value()).orElseThrow());
  }
}
