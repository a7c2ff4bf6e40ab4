package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.Component;
import io.cqrsshop.bench.proc.Costs;
import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.proc.ProcessUsage;
import io.cqrsshop.bench.report.CostReport;
import io.cqrsshop.bench.report.Figures;
import io.cqrsshop.bench.report.Phase;
import io.cqrsshop.bench.report.ReadSide;
import io.cqrsshop.bench.report.Table;
import io.cqrsshop.bench.report.WatchResult;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Scenario: live queries at scale. At each of {@code --watches} sizes, that many WatchProduct
 * streams are held open on the one query-service, spread evenly over {@value #PRODUCTS} products
 * and over channels of {@value #PER_CHANNEL} watches, while ChangeProductPrice runs at {@code
 * --watch-rate} round the products. Measured: the time from each command's answer to each update
 * reaching a watcher (through the relay, the projector's batches, Elasticsearch and query-service),
 * the updates delivered per second, the CPU time each process spent per delivered update, and
 * query-service's resident memory before and with the watches open. Runs only when named: the
 * larger sizes need a query-service started with a higher QUERY_MAX_WATCHES_PER_CALLER.
 */
final class WatchFanOut {

  static final String SCENARIO = "watch";

  static final int PRODUCTS = 100;

  /**
   * Query-service's QUERY_MAX_WATCHES_PER_CONNECTION (50 by default), within the 100 streams it
   * allows one connection (QUERY_GRPC_MAX_CALLS_PER_CONNECTION), with room left for calls.
   */
  static final int PER_CHANNEL = 50;

  private static final Duration WARMUP = Duration.ofSeconds(10);
  private static final Duration OPEN_LIMIT = Duration.ofMinutes(2);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(15);

  /** Issue 21's targets: latency at 1,000 watches, memory at 10,000. */
  static final int LATENCY_TARGET_WATCHES = 1_000;

  static final long P50_TARGET_MILLIS = 50;
  static final long P99_TARGET_MILLIS = 250;
  static final int MEMORY_TARGET_WATCHES = 10_000;
  static final long RSS_TARGET_MB = 300;

  private final BenchContext context;

  WatchFanOut(BenchContext context) {
    this.context = context;
  }

  /** Runs every size; true when every watcher saw every product's newest version. */
  boolean run() {
    BenchOptions options = context.options();
    context.heading(
        "Watches: at each of "
            + options.watchSizes()
            + " watches of "
            + PRODUCTS
            + " products, "
            + PER_CHANNEL
            + " per channel, ChangeProductPrice at "
            + options.watchRate()
            + "/s for "
            + WARMUP.toSeconds()
            + " s unmeasured, then "
            + options.phaseDuration().toSeconds()
            + " s measured; time from each command's answer to each watcher's update");
    List<Written> products =
        Seeder.many(
            PRODUCTS,
            options.clients(),
            i -> context.seeder().product("watch", 1000, "watch-" + context.names().run()));
    products.forEach(this::awaitVisible);
    List<Phase> phases = new ArrayList<>();
    List<WatchResult> results = new ArrayList<>();
    boolean passed = true;
    for (int size : options.watchSizes()) {
      Measured measured = measure(products, size);
      phases.add(measured.phase());
      results.add(measured.result());
      boolean current = measured.result().behind() == 0 && measured.result().ended() == 0;
      context.report().check("watch_" + size + "_watchers_current", current);
      passed &= current;
    }
    context.out().println();
    context.out().print(table(phases, results).render());
    targets(phases, results);
    context.out().println();
    context.out().print(CostReport.render(phases));
    return passed;
  }

  private record Measured(Phase phase, WatchResult result) {}

  private Measured measure(List<Written> products, int size) {
    BenchOptions options = context.options();
    context.subheading(size + " watches");
    UpdateLatency latency = new UpdateLatency();
    OptionalLong rssBefore = queryServiceRss(context.meter().read());
    long opening = System.nanoTime();
    try (OpenWatches watches =
        OpenWatches.open(options.queryTarget(), products, size, PER_CHANNEL, latency, OPEN_LIMIT)) {
      OptionalLong rssOpen = queryServiceRss(context.meter().read());
      context
          .out()
          .println(
              String.format(
                  Locale.ROOT,
                  "%d watches open over %d channels in %.1f s; query-service resident memory"
                      + " %s MB before, %s MB with them open",
                  size,
                  watches.channels(),
                  (System.nanoTime() - opening) / 1e9,
                  megabytes(rssBefore),
                  megabytes(rssOpen)));
      PriceChanges writes;
      Costs costs;
      Duration elapsed;
      long delivered;
      try (PriceChanges writing =
          PriceChanges.start(
              options.commandTarget(),
              context.names(),
              products.stream().map(Written::id).toList(),
              latency,
              options.watchRate())) {
        writes = writing;
        pause(WARMUP);
        long sentBefore = writing.sent();
        CpuMeter.Reading start = context.meter().read();
        long from = System.nanoTime();
        latency.openWindow(from);
        pause(options.phaseDuration());
        long to = System.nanoTime();
        latency.closeWindow(to);
        costs = context.meter().since(start);
        elapsed = Duration.ofNanos(to - from);
        delivered = latency.delivered();
        long sent = writing.sent() - sentBefore;
        context
            .out()
            .println(
                String.format(
                    Locale.ROOT,
                    "sent %d ChangeProductPrice in the window (%.1f/s); %d failed and %d fell"
                        + " behind schedule in all",
                    sent,
                    sent / (elapsed.toNanos() / 1e9),
                    writing.failed(),
                    writing.late()));
      }
      writes
          .failures()
          .forEach(
              (why, count) ->
                  context.out().println("ChangeProductPrice failed " + count + " times: " + why));
      long behind = watches.awaitCurrent(writes.newest(), DRAIN_LIMIT);
      // The window's last writes reach the watchers during the drain: the latency is read after it.
      Phase phase =
          context
              .report()
              .add(
                  new Phase(
                      SCENARIO,
                      "watch-" + size,
                      size
                          + " WatchProduct streams; ops are the updates delivered, latency from"
                          + " the command's answer to the watcher",
                      ReadSide.RUNNING,
                      delivered,
                      elapsed,
                      Optional.of(latency.micros()),
                      List.of(),
                      costs));
      if (behind > 0 || watches.ended() > 0) {
        context
            .out()
            .println(
                "FAILED: "
                    + behind
                    + " watchers had not seen their product's newest version "
                    + DRAIN_LIMIT.toSeconds()
                    + " s after the writes stopped; "
                    + watches.ended()
                    + " streams ended early");
      }
      WatchResult result =
          new WatchResult(
              phase.name(),
              size,
              watches.channels(),
              products.size(),
              options.watchRate(),
              writes.failed(),
              writes.late(),
              rssBefore,
              rssOpen,
              behind,
              watches.ended(),
              latency.beforeAnswer());
      context.report().add(result);
      return new Measured(phase, result);
    }
  }

  /** Waits (unmeasured) until a new product can be read, so that its watch starts at once. */
  private void awaitVisible(Written product) {
    try {
      context
          .clients()
          .queries()
          .getProduct(
              GetProductRequest.newBuilder()
                  .setProductId(product.id())
                  .addConsistencyTokens(product.consistencyToken())
                  .build());
    } catch (StatusRuntimeException e) {
      throw new HarnessException(
          "a new product did not become readable through QueryService: " + CallOutcome.describe(e),
          e);
    }
  }

  private static Table table(List<Phase> phases, List<WatchResult> results) {
    Table table =
        new Table(
            "watches",
            "channels",
            "updates/s",
            "p50 ms",
            "p99 ms",
            "max ms",
            "query-service µs/update",
            "RSS before MB",
            "RSS open MB",
            "MB per 1,000 watches",
            "behind");
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      WatchResult result = results.get(i);
      Costs.Used query = phase.costs().used().get(Component.QUERY_SERVICE);
      table.row(
          result.watches(),
          result.channels(),
          Figures.whole(phase.opsPerSecond()),
          Figures.millis(phase.latencyAt(50).orElse(0L)),
          Figures.millis(phase.latencyAt(99).orElse(0L)),
          Figures.millis(phase.latencyMicros().map(Histogram::getMaxValue).orElse(0L)),
          query == null ? "-" : format(query.microsPerOp(phase.ops()), "%.0f"),
          megabytes(result.rssBefore()),
          megabytes(result.rssOpen()),
          format(result.megabytesPerThousand(), "%.1f"),
          result.behind());
    }
    return table;
  }

  /** Issue 21's targets next to the figures of the sizes they name. */
  private void targets(List<Phase> phases, List<WatchResult> results) {
    boolean any = false;
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      WatchResult result = results.get(i);
      if (result.watches() == LATENCY_TARGET_WATCHES) {
        any = true;
        long p50 = phase.latencyAt(50).orElse(Long.MAX_VALUE);
        long p99 = phase.latencyAt(99).orElse(Long.MAX_VALUE);
        target(
            "p50 command -> watcher at 1,000 watches",
            Figures.millis(p50) + " ms",
            "<= " + P50_TARGET_MILLIS + " ms",
            p50 <= P50_TARGET_MILLIS * 1000);
        target(
            "p99 command -> watcher at 1,000 watches",
            Figures.millis(p99) + " ms",
            "<= " + P99_TARGET_MILLIS + " ms",
            p99 <= P99_TARGET_MILLIS * 1000);
      }
      if (result.watches() == MEMORY_TARGET_WATCHES && result.rssOpen().isPresent()) {
        any = true;
        double rss = WatchResult.megabytes(result.rssOpen()).getAsDouble();
        target(
            "query-service resident memory with 10,000 watches open",
            Figures.whole(rss) + " MB",
            "<= " + RSS_TARGET_MB + " MB",
            rss <= RSS_TARGET_MB);
      }
    }
    if (!any) {
      context
          .out()
          .println(
              "targets (issue 21) are for 1,000 watches (latency) and 10,000 (memory): not run");
    }
  }

  private void target(String what, String figure, String target, boolean met) {
    context
        .out()
        .println(
            "target: " + what + " " + target + ": " + figure + ", " + (met ? "met" : "missed"));
  }

  private static OptionalLong queryServiceRss(CpuMeter.Reading reading) {
    ProcessUsage usage = reading.usage().get(Component.QUERY_SERVICE);
    return usage == null ? OptionalLong.empty() : OptionalLong.of(usage.rssBytes());
  }

  private static String megabytes(OptionalLong bytes) {
    return format(WatchResult.megabytes(bytes), "%.0f");
  }

  private static String format(OptionalDouble value, String pattern) {
    return value.isPresent() ? String.format(Locale.ROOT, pattern, value.getAsDouble()) : "-";
  }

  private static void pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
