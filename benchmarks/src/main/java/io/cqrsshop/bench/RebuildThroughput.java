package io.cqrsshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsshop.bench.proc.Costs;
import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.report.Comparison;
import io.cqrsshop.bench.report.CostReport;
import io.cqrsshop.bench.report.Phase;
import io.cqrsshop.bench.report.StageRates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rebuild scenario: the products read model rebuilt by the running projector from a stream of
 * at least {@code --rebuild-events} product events (stock adjustments are added through the real
 * command path until it holds them), against a raw {@code _bulk} of the same events' documents sent
 * by the harness in the same run. The rebuild is asked for as an operator would ({@code admin
 * rebuild products}) and timed from the projector's start of it to the alias swap, from its record.
 */
final class RebuildThroughput {

  static final String SCENARIO = "rebuild";
  private static final Duration PATIENCE = Duration.ofMinutes(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BenchContext context;
  private final Catalog catalog;

  RebuildThroughput(BenchContext context, Catalog catalog) {
    this.context = context;
    this.catalog = catalog;
  }

  void run() {
    BenchOptions options = context.options();
    context.heading(
        "Rebuild: the products read model from the stream, against a raw _bulk of the same"
            + " documents");
    EventLogReader log = new EventLogReader(options);
    long have = log.count("product");
    if (have < options.rebuildEvents()) {
      int missing = (int) (options.rebuildEvents() - have);
      context
          .out()
          .printf(
              "the stream holds %,d product events; adding %,d stock adjustments through"
                  + " CommandService first%n",
              have, missing);
      StockBurst.send(context, catalog, missing, new StatsBook());
    }
    Phase rebuild =
        timedRebuild(
            SCENARIO,
            "rebuild",
            "products rebuilt from the stream by the projector, from its start to the swap");
    long events = rebuild.ops();

    List<LoggedEvent> same = log.newest("product", (int) Math.min(events, Integer.MAX_VALUE));
    context.subheading(
        "Raw baseline: the documents of the newest "
            + same.size()
            + " product events, one per event, bulk-written to a scratch index in requests of "
            + options.bulkSize()
            + " (repeated until it ran "
            + JetStreamBaseline.AT_LEAST.toSeconds()
            + " s)");
    Measured bulk = new BulkBaseline(options, context.names()).write(same, context.meter());
    Phase raw =
        context.counted(
            SCENARIO,
            "raw-bulk",
            "the same events' documents bulk-written to a scratch index",
            bulk);
    Comparison rebuildVsRaw =
        context.compare(
            rebuild,
            raw,
            "rebuild events/s / raw _bulk documents/s (the rebuild writes only the newest"
                + " version of each document per batch)");
    StageRates rates =
        new StageRates()
            .add("rebuild, start to swap", rebuild, rebuildVsRaw)
            .add("raw _bulk, one document per event", raw);
    context.out().print(rates.render());
    context.out().println();
    context.out().print(CostReport.render(List.of(rebuild, raw)));
  }

  /**
   * Once the relay and the projector are idle, asks for a rebuild of the products read model as an
   * operator would and times the projector's rebuild from its start to the alias swap.
   */
  Phase timedRebuild(String scenario, String name, String description) {
    BenchOptions options = context.options();
    awaitQuiet();
    CpuMeter.Reading start = context.meter().read();
    Instant asked = Instant.now();
    int status = admin(options, "rebuild", "products", "--no-wait");
    if (status != 0) {
      throw new HarnessException("admin rebuild products exited " + status);
    }
    JsonNode record;
    try (RawElasticsearch elasticsearch = new RawElasticsearch(options.elasticsearch())) {
      record = awaitSwap(elasticsearch, options, asked);
    }
    Costs costs = context.meter().since(start);
    Instant startedAt = Instant.parse(record.path("started_at").asText());
    Instant swappedAt = Instant.parse(record.path("swapped_at").asText());
    return context.counted(
        scenario,
        name,
        description,
        record.path("events_done").asLong(),
        Duration.between(startedAt, swappedAt),
        costs);
  }

  /** Waits until the relay and the projector have nothing left, so the rebuild runs alone. */
  void awaitQuiet() {
    MetricsEndpoint command = new MetricsEndpoint(context.options().commandMetrics());
    MetricsEndpoint projector = new MetricsEndpoint(context.options().projectorMetrics());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      double backlog = command.scrape().sum("relay_backlog_events").orElse(0);
      double lag = projector.scrape().sum("projector_lag_events").orElse(0);
      if (backlog == 0 && lag == 0) {
        return;
      }
      pause(Duration.ofMillis(500));
    }
    throw new HarnessException("the relay or the projector did not catch up within 5 minutes");
  }

  private JsonNode awaitSwap(RawElasticsearch elasticsearch, BenchOptions options, Instant asked) {
    ProgressLine progress = new ProgressLine(context);
    Instant deadline = asked.plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      String body =
          elasticsearch.send(
              new ElasticsearchRequests.Request(
                  "GET",
                  "/" + options.indexPrefix() + "projector_rebuilds/_doc/products",
                  Optional.empty()));
      JsonNode record = read(body).path("_source");
      String state = record.path("state").asText();
      if (state.equals("SWAPPED") || state.equals("DONE")) {
        progress.done();
        return record;
      }
      if (state.equals("FAILED") || state.equals("REFUSED") || state.equals("CANCELLED")) {
        throw new HarnessException(
            "the rebuild ended " + state + ": " + record.path("message").asText());
      }
      progress.show(record.path("events_done").asLong(), record.path("events_total").asLong());
      pause(Duration.ofMillis(250));
    }
    throw new HarnessException("the rebuild did not swap within " + PATIENCE);
  }

  /** Runs the operator tool in this process, against the stack the harness measures. */
  private static int admin(BenchOptions options, String... args) {
    StringWriter out = new StringWriter();
    int status =
        io.cqrsshop.admin.AdminMain.run(
            args,
            Map.of(
                "ADMIN_ELASTICSEARCH_URL", options.elasticsearch().toString(),
                "ADMIN_INDEX_PREFIX", options.indexPrefix(),
                "ADMIN_DB_URL", options.dbUrl(),
                "ADMIN_DB_USER", options.dbUser(),
                "ADMIN_DB_PASSWORD", options.dbPassword()),
            new PrintWriter(out, true),
            new PrintWriter(out, true));
    if (status != 0) {
      System.err.print(out);
    }
    return status;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new HarnessException("cannot read the rebuild record: " + e.getMessage());
    }
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted");
    }
  }

  /** The rebuild's progress on one line, every few seconds. */
  private static final class ProgressLine {
    private final BenchContext context;
    private Instant last = Instant.EPOCH;

    ProgressLine(BenchContext context) {
      this.context = context;
    }

    void show(long done, long total) {
      if (Duration.between(last, Instant.now()).toSeconds() >= 5) {
        last = Instant.now();
        context.out().printf("  rebuilding: %,d of %,d events%n", done, total);
      }
    }

    void done() {}
  }
}
