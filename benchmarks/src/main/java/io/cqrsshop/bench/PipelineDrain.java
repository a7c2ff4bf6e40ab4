package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.Costs;
import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.report.Comparison;
import io.cqrsshop.bench.report.CostReport;
import io.cqrsshop.bench.report.DrainReport;
import io.cqrsshop.bench.report.LatencyReport;
import io.cqrsshop.bench.report.Phase;
import io.cqrsshop.bench.report.StageRates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

/**
 * Scenario 4: a burst of commands (one event each), then how fast the relay publishes them to NATS
 * and the projector applies them to Elasticsearch, read from their Prometheus counters; how fast
 * the projector works off a backlog ({@link ProjectorCatchUp}); and both against their raw
 * baselines, the burst's own messages published straight to a scratch stream ({@link
 * JetStreamBaseline}) and its documents bulk-written to a scratch index ({@link BulkBaseline}).
 */
public final class PipelineDrain {

  static final String SCENARIO = "pipeline";

  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);

  private final BenchContext context;
  private final Catalog catalog;
  private final MetricsEndpoint relay;
  private final MetricsEndpoint projector;

  public PipelineDrain(BenchContext context, Catalog catalog) {
    this.context = context;
    this.catalog = catalog;
    this.relay = new MetricsEndpoint(context.options().commandMetrics());
    this.projector = new MetricsEndpoint(context.options().projectorMetrics());
  }

  public void run() {
    BenchOptions options = context.options();
    context.heading(
        "Pipeline: a burst of "
            + options.burst()
            + " AdjustProductStock (one event each) from "
            + options.clients()
            + " clients, then relay and projector drain");
    EventLogReader log = new EventLogReader(options);
    new PipelineIdle(context).await();
    long firstPosition = log.lastPosition();
    PipelineSample before = PipelineSampler.sample(relay, projector, System.nanoTime());
    CpuMeter.Reading liveStart = context.meter().read();
    long start = System.nanoTime();
    StatsBook stats = new StatsBook();
    Duration burst;
    RpcSnapshot commands;
    PipelineSample atBurstEnd;
    List<PipelineSample> timeline;
    try (PipelineSampler sampler = new PipelineSampler(relay, projector, start)) {
      burst = StockBurst.send(context, catalog, options.burst(), stats);
      atBurstEnd = PipelineSampler.sample(relay, projector, start);
      commands = stats.of("AdjustProductStock").snapshot();
      timeline = awaitDrain(sampler, before, commands.ok());
    }
    Duration liveElapsed = Duration.ofNanos(System.nanoTime() - start);
    Costs liveCosts = context.meter().since(liveStart);
    long lastPosition = log.lastPosition();
    context.out().print(LatencyReport.render(List.of(commands), burst));
    context.out().println();
    DrainReport drain =
        new DrainReport(before, atBurstEnd, timeline, burst, commands.ok(), DRAIN_LIMIT);
    context.out().print(drain.render());

    List<Phase> phases = new ArrayList<>();
    Phase live =
        context.counted(
            SCENARIO,
            "live",
            "burst committed, published and applied (until the projector had all)",
            commands.ok(),
            liveElapsed,
            liveCosts);
    phases.add(live);
    Phase relayLive =
        context.counted(
            SCENARIO,
            "relay-live",
            "relay publishing the live burst, from its start until all were published",
            commands.ok(),
            drain.doneAfter(PipelineSample::published).orElse(liveElapsed),
            Costs.NONE);

    context.subheading(
        "Projector working off a backlog: frozen while a burst of "
            + options.backlog()
            + " is committed and published, then timed from thawing until its consumer has"
            + " nothing pending");
    ProjectorCatchUp.Result caughtUp = new ProjectorCatchUp(context, catalog).run();
    Phase catchUp =
        context.counted(
            SCENARIO,
            "projector-catch-up",
            "projector applying a backlog of --backlog events, from thawing",
            caughtUp.measured().ops(),
            caughtUp.measured().elapsed(),
            caughtUp.measured().costs());
    phases.add(catchUp);

    List<LoggedEvent> events = log.between(firstPosition, lastPosition, context.names());
    context.subheading(
        "Raw baselines with the live burst's "
            + events.size()
            + " events: their messages published asynchronously to a scratch stream (up to "
            + JetStreamBaseline.IN_FLIGHT
            + " in flight), their documents in "
            + new BulkBaseline(options, context.names()).batches(events.size())
            + " _bulk requests of up to "
            + options.bulkSize()
            + " to a scratch index; each set repeated until it ran "
            + JetStreamBaseline.AT_LEAST.toSeconds()
            + " s");
    Measured published =
        new JetStreamBaseline(options, context.names()).publish(events, context.meter());
    Phase rawPublish =
        context.counted(
            SCENARIO,
            "raw-publish",
            "the same messages published asynchronously to a scratch stream",
            published);
    phases.add(rawPublish);
    Measured bulk = new BulkBaseline(options, context.names()).write(events, context.meter());
    Phase rawBulk =
        context.counted(
            SCENARIO, "raw-bulk", "the same documents bulk-written to a scratch index", bulk);
    phases.add(rawBulk);

    Comparison relayVsRaw =
        context.compare(
            relayLive,
            rawPublish,
            "relay during the live burst (it gets events only as fast as they commit)"
                + " / raw async publish of the same messages");
    Comparison projectorVsRaw =
        context.compare(
            catchUp, rawBulk, "projector working off a backlog / raw _bulk of the same documents");
    StageRates rates =
        new StageRates()
            .add("relay, live burst", relayLive, relayVsRaw)
            .add("raw JetStream publish", rawPublish)
            .add("projector, backlog", catchUp, projectorVsRaw)
            .add("raw _bulk", rawBulk);
    context.out().print(rates.render());
    if (caughtUp.notOk() > 0) {
      context.out().println("note: " + caughtUp.notOk() + " commands of the backlog were not OK");
    }
    context.out().println();
    context.out().print(CostReport.render(phases));
  }

  private List<PipelineSample> awaitDrain(
      PipelineSampler sampler, PipelineSample before, long events) {
    long giveUp = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (System.nanoTime() < giveUp) {
      List<PipelineSample> timeline = sampler.samples();
      if (!timeline.isEmpty()
          && timeline.getLast().applied() - before.applied() >= events
          && timeline.getLast().published() - before.published() >= events) {
        return timeline;
      }
      LockSupport.parkNanos(PipelineSampler.INTERVAL.toNanos());
    }
    return sampler.samples();
  }

  /** The first sample at which {@code counter} had grown by {@code events}, if any. */
  public static Optional<PipelineSample> reached(
      List<PipelineSample> timeline,
      PipelineSample before,
      ToDoubleFunction<PipelineSample> counter,
      long events) {
    return timeline.stream()
        .filter(s -> counter.applyAsDouble(s) - counter.applyAsDouble(before) >= events)
        .findFirst();
  }
}
