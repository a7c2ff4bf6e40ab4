package io.cqrsshop.bench;

import io.cqrsshop.bench.report.Comparison;
import io.cqrsshop.bench.report.CostReport;
import io.cqrsshop.bench.report.Figures;
import io.cqrsshop.bench.report.Phase;
import io.cqrsshop.bench.report.Ratios;
import io.cqrsshop.bench.report.ReadSide;
import io.cqrsshop.bench.report.Table;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario: the read side against its raw baseline. For each of GetProduct, SearchProducts (text
 * plus filters), ListCustomerOrders and GetSalesSummary, closed-loop clients call QueryService over
 * gRPC for a phase, then send the very same Elasticsearch request themselves for a phase at the
 * same concurrency ({@link ElasticsearchRequests}): throughput, latency, the ratio and the latency
 * QueryService adds, and what each process spent per call. No call carries a consistency token.
 */
final class QueryThroughput {

  static final String SCENARIO = "queries";

  private final BenchContext context;
  private final ElasticsearchRequests requests;

  QueryThroughput(BenchContext context) {
    this.context = context;
    this.requests = new ElasticsearchRequests(context.options().indexPrefix());
  }

  /** One query, as the service is asked and as Elasticsearch is asked directly. */
  private record Query(
      String rpc, String name, PhaseRunner.Call grpc, PhaseRunner.Call raw, String detail) {}

  void run() {
    BenchOptions options = context.options();
    context.heading(
        "Queries: "
            + options.clients()
            + " clients, each query "
            + options.phaseDuration().toSeconds()
            + " s over gRPC, then "
            + options.phaseDuration().toSeconds()
            + " s of the same Elasticsearch request sent directly (each after "
            + PhaseRunner.WARMUP.toSeconds()
            + " s unmeasured)");
    QueryData data = QueryData.seed(context);
    context
        .out()
        .println(
            "seeded "
                + QueryData.PRODUCTS
                + " products in category "
                + data.category()
                + " (every tenth out of stock), "
                + QueryData.CUSTOMERS
                + " customers with "
                + QueryData.ORDERS_PER_CUSTOMER
                + " orders each; all visible to QueryService");
    PhaseRunner runner = new PhaseRunner(context);
    List<Phase> phases = new ArrayList<>();
    try (RawElasticsearch elasticsearch = new RawElasticsearch(options.elasticsearch())) {
      List<Query> queries = queries(data, elasticsearch);
      warmUp(queries);
      context.out().print(measure(runner, phases, queries).render());
    }
    context.out().println();
    context.out().print(CostReport.render(phases));
  }

  /**
   * The four queries over gRPC, mixed at random, unmeasured, for the run's warm-up: each phase's
   * own short warm-up does not cover a freshly started service's JIT, which takes minutes here.
   */
  private void warmUp(List<Query> queries) {
    BenchOptions options = context.options();
    if (options.warmup().isZero()) {
      return;
    }
    context
        .out()
        .println(
            "warming up: "
                + options.warmup().toSeconds()
                + " s of the four queries over gRPC, not measured");
    PhaseRunner.warmUp(
        options.clients(),
        options.warmup(),
        (random, stats) -> queries.get(random.nextInt(queries.size())).grpc().run(random, stats));
  }

  /** Runs each query over gRPC, then raw, adding a row and the comparison for each. */
  private Table measure(PhaseRunner runner, List<Phase> phases, List<Query> queries) {
    BenchOptions options = context.options();
    Table table =
        new Table(
            "query",
            "path",
            "ops/s",
            "p50 ms",
            "p99 ms",
            "not OK",
            "gRPC / raw",
            "p50 added",
            "p99 added");
    for (Query query : queries) {
      Phase grpc =
          runner.run(
              SCENARIO,
              "grpc-" + query.name(),
              query.rpc() + " over gRPC: " + query.detail(),
              ReadSide.RUNNING,
              PhaseRunner.WARMUP,
              options.phaseDuration(),
              query.grpc());
      Phase raw =
          runner.run(
              SCENARIO,
              "raw-" + query.name(),
              "the Elasticsearch request of " + query.rpc() + ", sent directly",
              ReadSide.RUNNING,
              PhaseRunner.WARMUP,
              options.phaseDuration(),
              query.raw());
      Comparison comparison =
          context.compare(
              grpc, raw, query.rpc() + " over gRPC / the same Elasticsearch request sent directly");
      row(table, grpc, query.rpc(), "gRPC", comparison);
      row(table, raw, "", "raw ES", null);
      phases.add(grpc);
      phases.add(raw);
    }
    return table;
  }

  private List<Query> queries(QueryData data, RawElasticsearch elasticsearch) {
    String run = context.names().run();
    return List.of(
        new Query(
            "GetProduct",
            "get-product",
            (random, stats) -> {
              String id = data.anyProduct(random);
              stats.call(
                  "GetProduct",
                  () ->
                      service()
                          .getProduct(GetProductRequest.newBuilder().setProductId(id).build()));
            },
            (random, stats) ->
                elasticsearch.timed(
                    stats, "GET _doc", requests.getProduct(data.anyProduct(random))),
            "one of " + QueryData.PRODUCTS + " products by id"),
        new Query(
            "SearchProducts",
            "search-products",
            (random, stats) -> {
              SearchProductsRequest request =
                  SearchProductsRequest.newBuilder()
                      .setQuery(QueryData.searchText(run, random))
                      .setCategory(data.category())
                      .setMinPrice(Seeder.euros(QueryData.MIN_PRICE))
                      .setMaxPrice(Seeder.euros(QueryData.MAX_PRICE))
                      .setActiveOnly(true)
                      .setAvailableOnly(true)
                      .build();
              stats.call("SearchProducts", () -> service().searchProducts(request));
            },
            (random, stats) ->
                elasticsearch.timed(
                    stats,
                    "_search products",
                    requests.searchProducts(
                        QueryData.searchText(run, random),
                        data.category(),
                        QueryData.CURRENCY,
                        QueryData.MIN_PRICE,
                        QueryData.MAX_PRICE)),
            "two words (run + one of "
                + QueryData.WORDS.size()
                + "), category, price range, active and available, by relevance"),
        new Query(
            "ListCustomerOrders",
            "list-customer-orders",
            (random, stats) -> {
              String customer = data.anyCustomer(random);
              stats.call(
                  "ListCustomerOrders",
                  () ->
                      service()
                          .listCustomerOrders(
                              ListCustomerOrdersRequest.newBuilder()
                                  .setCustomerId(customer)
                                  .build()));
            },
            (random, stats) ->
                elasticsearch.timed(
                    stats, "_search orders", requests.listCustomerOrders(data.anyCustomer(random))),
            "first page of one of " + QueryData.CUSTOMERS + " customers"),
        new Query(
            "GetSalesSummary",
            "sales-summary",
            (random, stats) ->
                stats.call(
                    "GetSalesSummary",
                    () -> service().getSalesSummary(data.salesSummary().build())),
            (random, stats) ->
                elasticsearch.timed(
                    stats,
                    "_search sales",
                    requests.salesSummary(data.first(), data.last(), QueryData.CURRENCY)),
            "30 days, " + QueryData.CURRENCY));
  }

  /** QueryService, with a fresh deadline for each call. */
  private QueryServiceGrpc.QueryServiceBlockingStub service() {
    return context.clients().queries();
  }

  private static void row(Table table, Phase phase, String query, String path, Comparison vs) {
    table.row(
        query,
        path,
        Figures.whole(phase.opsPerSecond()),
        Figures.millis(phase.latencyAt(50).orElse(0L)),
        Figures.millis(phase.latencyAt(99).orElse(0L)),
        phase.notOk(),
        vs == null ? "" : Ratios.times(vs.ratio()),
        vs == null ? "" : Ratios.addedMillis(vs.addedP50Micros()),
        vs == null ? "" : Ratios.addedMillis(vs.addedP99Micros()));
  }
}
