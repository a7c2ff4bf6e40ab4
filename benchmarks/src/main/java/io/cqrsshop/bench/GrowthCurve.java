package io.cqrsshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.report.CostReport;
import io.cqrsshop.bench.report.Figures;
import io.cqrsshop.bench.report.Phase;
import io.cqrsshop.bench.report.ReadSide;
import io.cqrsshop.bench.report.Table;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The growth scenario: how the cost of the hot paths grows with the data. At each of {@code
 * --growth-sizes} it first brings the shop up to that many aggregates created by this run through
 * CommandService (products, with a user and an order every tenth, so that the events flow through
 * the relay and the projector like any others), waits until the read side has caught up, then
 * measures AdjustProductStock, GetProduct and SearchProducts over the whole loaded catalog, a
 * rebuild of the products read model, and the disk PostgreSQL and Elasticsearch use.
 */
final class GrowthCurve {

  static final String SCENARIO = "growth";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One aggregate in ten is a user, one in ten an order; the rest are products. */
  private static final int USER_EVERY = 10;

  private static final int ORDER_EVERY = 10;
  private static final long STOCK = 1_000_000;

  private final BenchContext context;
  private final Catalog catalog;
  private final String category;
  private final List<String> products = Collections.synchronizedList(new ArrayList<>());
  private final List<String> users = Collections.synchronizedList(new ArrayList<>());
  private final List<Row> rows = new ArrayList<>();

  GrowthCurve(BenchContext context, Catalog catalog) {
    this.context = context;
    this.catalog = catalog;
    this.category = "growth-" + context.names().run();
  }

  void run() {
    BenchOptions options = context.options();
    context.heading(
        "Growth: the hot paths, a rebuild and the disk at "
            + options.growthSizes()
            + " aggregates loaded through CommandService");
    int loaded = 0;
    for (int size : options.growthSizes()) {
      rows.add(step(loaded, size));
      loaded = size;
    }
    context.subheading("Growth curve (latency p50 / p99 in ms, client-side)");
    Table curve =
        new Table(
            "aggregates",
            "load/s",
            "CreateProduct",
            "AdjustProductStock",
            "GetProduct",
            "SearchProducts",
            "rebuild",
            "PostgreSQL",
            "Elasticsearch");
    rows.forEach(row -> curve.row(row.cells()));
    context.out().print(curve.render());
  }

  private Row step(int loaded, int size) {
    BenchOptions options = context.options();
    context.subheading(
        String.format(Locale.ROOT, "%,d aggregates: loading %,d more", size, size - loaded));
    StatsBook loading = new StatsBook();
    AtomicInteger next = new AtomicInteger(loaded);
    CpuMeter.Reading start = context.meter().read();
    Duration took =
        Workers.run(
            options.clients(),
            Duration.ofHours(2),
            () -> next.get() >= size,
            random -> {
              int index = next.getAndIncrement();
              if (index < size) {
                create(index, random, loading);
              }
            });
    Phase load =
        context.record(
            Phase.ofCalls(
                SCENARIO,
                "load-" + size,
                "aggregates created through CommandService up to " + size,
                ReadSide.RUNNING,
                loading.snapshots(),
                took,
                context.meter().since(start)));
    long failed = load.rpcs().stream().mapToLong(RpcSnapshot::failedCount).sum();
    context.report().check("growth_load_" + size + "_without_errors", failed == 0);
    if (failed > 0) {
      throw new HarnessException(failed + " calls failed while loading " + size + " aggregates");
    }
    RebuildThroughput rebuilds = new RebuildThroughput(context, catalog);
    rebuilds.awaitQuiet();

    PhaseRunner runner = new PhaseRunner(context);
    Phase adjust =
        measured(
            runner,
            "adjust-stock-" + size,
            "AdjustProductStock of any loaded product",
            (random, stats) -> adjust(random, stats));
    Phase get =
        measured(
            runner,
            "get-product-" + size,
            "GetProduct of any loaded product",
            (random, stats) -> get(random, stats));
    Phase search =
        measured(
            runner,
            "search-products-" + size,
            "SearchProducts: one word (an eighth of the loaded products), the run's category,"
                + " active only, by relevance, total counted up to 10,000",
            (random, stats) -> search(random, stats));
    Phase rebuild =
        rebuilds.timedRebuild(
            SCENARIO, "rebuild-" + size, "products rebuilt from the whole stream at " + size);
    Disk disk = disk();
    context
        .out()
        .printf(
            "%s%nPostgreSQL: %s%nElasticsearch: %s%n",
            CostReport.render(List.of(load, adjust, get, search, rebuild)),
            disk.postgres(),
            disk.elasticsearch());
    return new Row(size, load, adjust, get, search, rebuild, disk);
  }

  /** One phase of this scenario at the current size, with the read side running. */
  private Phase measured(
      PhaseRunner runner, String name, String description, PhaseRunner.Call call) {
    return runner.run(
        SCENARIO,
        name,
        description,
        ReadSide.RUNNING,
        PhaseRunner.WARMUP,
        context.options().phaseDuration(),
        call);
  }

  private void create(int index, SplittableRandom random, StatsBook stats) {
    var commands = context.clients().commands();
    RunNames names = context.names();
    if (index % USER_EVERY == 1) {
      CreateUserRequest request =
          CreateUserRequest.newBuilder()
              .setRequestId(names.requestId())
              .setEmail(names.email())
              .setName("Growth customer " + index)
              .build();
      stats
          .call("CreateUser", () -> commands.createUser(request))
          .answer()
          .ifPresent(created -> users.add(created.getUserId()));
    } else if (index % ORDER_EVERY == 2 && !users.isEmpty() && !products.isEmpty()) {
      PlaceOrderRequest request =
          context.seeder().orderRequest(any(users, random), List.of(any(products, random)));
      stats.call("PlaceOrder", () -> commands.placeOrder(request));
    } else {
      String word = QueryData.WORDS.get(index % QueryData.WORDS.size());
      String sku = names.sku(word);
      CreateProductRequest request =
          CreateProductRequest.newBuilder()
              .setRequestId(names.requestId())
              .setSku(sku)
              .setName("Growth " + names.run() + " " + word + " " + sku)
              .setDescription("Created by the benchmark harness's growth scenario")
              .setCategory(category)
              .setPrice(Seeder.euros(100 + random.nextInt(100_000)))
              .setInitialStock(STOCK)
              .build();
      stats
          .call("CreateProduct", () -> commands.createProduct(request))
          .answer()
          .ifPresent(created -> products.add(created.getProductId()));
    }
  }

  private void adjust(SplittableRandom random, StatsBook stats) {
    AdjustProductStockRequest request =
        AdjustProductStockRequest.newBuilder()
            .setRequestId(context.names().requestId())
            .setProductId(any(products, random))
            .setDelta(1)
            .setReason("benchmark growth")
            .build();
    stats.call(
        "AdjustProductStock", () -> context.clients().commands().adjustProductStock(request));
  }

  private void get(SplittableRandom random, StatsBook stats) {
    GetProductRequest request =
        GetProductRequest.newBuilder().setProductId(any(products, random)).build();
    stats.call("GetProduct", () -> context.clients().queries().getProduct(request));
  }

  private void search(SplittableRandom random, StatsBook stats) {
    SearchProductsRequest request =
        SearchProductsRequest.newBuilder()
            .setQuery(
                context.names().run()
                    + " "
                    + QueryData.WORDS.get(random.nextInt(QueryData.WORDS.size())))
            .setCategory(category)
            .setActiveOnly(true)
            .build();
    stats.call("SearchProducts", () -> context.clients().queries().searchProducts(request));
  }

  private static String any(List<String> ids, SplittableRandom random) {
    return ids.get(random.nextInt(ids.size()));
  }

  /** The disk each store uses now, for the whole shop (earlier runs' data included). */
  private Disk disk() {
    BenchOptions options = context.options();
    long tables = 0;
    long indexes = 0;
    long events;
    List<String> postgres = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
        Statement statement = db.createStatement()) {
      try (ResultSet sizes =
          statement.executeQuery(
              "SELECT c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid)"
                  + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                  + " ORDER BY pg_total_relation_size(c.oid) DESC")) {
        while (sizes.next()) {
          tables += sizes.getLong(2);
          indexes += sizes.getLong(3);
          if (postgres.size() < 5) {
            postgres.add(
                String.format(
                    Locale.ROOT,
                    "%s %s + %s indexes",
                    sizes.getString(1),
                    megabytes(sizes.getLong(2)),
                    megabytes(sizes.getLong(3))));
          }
        }
      }
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM events")) {
        count.next();
        events = count.getLong(1);
      }
    } catch (SQLException e) {
      throw new HarnessException("cannot read PostgreSQL's table sizes: " + e.getMessage(), e);
    }
    List<String> elasticsearch = new ArrayList<>();
    long products = 0;
    long productBytes = 0;
    try (RawElasticsearch raw = new RawElasticsearch(options.elasticsearch())) {
      JsonNode indices =
          JSON.readTree(
              raw.send(
                  new ElasticsearchRequests.Request(
                      "GET",
                      "/_cat/indices/"
                          + options.indexPrefix()
                          + "*?format=json&bytes=b&h=index,docs.count,store.size&s=index",
                      Optional.empty())));
      for (JsonNode index : indices) {
        String name = index.path("index").asText();
        long docs = index.path("docs.count").asLong();
        long bytes = index.path("store.size").asLong();
        if (name.startsWith(".") || docs == 0) {
          continue;
        }
        if (name.startsWith(options.indexPrefix() + "products_v")) {
          products = docs;
          productBytes = bytes;
        }
        elasticsearch.add(
            String.format(
                Locale.ROOT,
                "%s %,d docs %s (%,d B/doc)",
                name,
                docs,
                megabytes(bytes),
                bytes / docs));
      }
    } catch (IOException e) {
      throw new HarnessException("cannot read Elasticsearch's index sizes: " + e.getMessage(), e);
    }
    return new Disk(
        events,
        tables + indexes,
        String.format(
                Locale.ROOT,
                "%,d events; tables %s + indexes %s = %,d B per event; largest: ",
                events,
                megabytes(tables),
                megabytes(indexes),
                events == 0 ? 0 : (tables + indexes) / events)
            + String.join(", ", postgres),
        products == 0 ? 0 : productBytes / products,
        String.join("; ", elasticsearch));
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private record Disk(
      long events,
      long postgresBytes,
      String postgres,
      long productBytesPerDoc,
      String elasticsearch) {}

  private record Row(
      int size, Phase load, Phase adjust, Phase get, Phase search, Phase rebuild, Disk disk) {

    Object[] cells() {
      return new Object[] {
        String.format(Locale.ROOT, "%,d", size),
        Figures.whole(load.opsPerSecond()),
        latency(load, "CreateProduct"),
        latency(adjust),
        latency(get),
        latency(search),
        String.format(
            Locale.ROOT,
            "%s (%,d events, %s/s)",
            Figures.seconds(rebuild.elapsed()),
            rebuild.ops(),
            Figures.whole(rebuild.opsPerSecond())),
        String.format(
            Locale.ROOT,
            "%,d B/event",
            disk.events() == 0 ? 0 : disk.postgresBytes() / disk.events()),
        String.format(Locale.ROOT, "products %,d B/doc", disk.productBytesPerDoc())
      };
    }

    private static String latency(Phase phase) {
      return Figures.millis(phase.latencyAt(50).orElse(0L))
          + " / "
          + Figures.millis(phase.latencyAt(99).orElse(0L));
    }

    private static String latency(Phase phase, String rpc) {
      return phase.rpcs().stream()
          .filter(snapshot -> snapshot.rpc().equals(rpc))
          .findFirst()
          .map(
              snapshot ->
                  Figures.millis(snapshot.latencyMicros().getValueAtPercentile(50))
                      + " / "
                      + Figures.millis(snapshot.latencyMicros().getValueAtPercentile(99)))
          .orElse("-");
    }
  }
}
