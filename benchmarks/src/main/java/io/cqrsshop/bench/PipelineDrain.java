package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

/**
 * Scenario 4: a burst of commands (one event each), then how fast the relay publishes them to NATS
 * and the projector applies them to Elasticsearch, read from their Prometheus counters.
 */
public final class PipelineDrain {

  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);
  private static final Duration IDLE_FOR = Duration.ofMillis(1500);
  private static final Duration IDLE_LIMIT = Duration.ofMinutes(1);

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
    awaitIdle();
    PipelineSample before = PipelineSampler.sample(relay, projector, System.nanoTime());
    long start = System.nanoTime();
    StatsBook stats = new StatsBook();
    Duration burst;
    RpcSnapshot commands;
    PipelineSample atBurstEnd;
    List<PipelineSample> timeline;
    try (PipelineSampler sampler = new PipelineSampler(relay, projector, start)) {
      burst = burst(stats);
      atBurstEnd = PipelineSampler.sample(relay, projector, start);
      commands = stats.of("AdjustProductStock").snapshot();
      timeline = awaitDrain(sampler, before, commands.ok());
    }
    context.out().print(LatencyReport.render(List.of(commands), burst));
    context.out().println();
    context
        .out()
        .print(
            new DrainReport(before, atBurstEnd, timeline, burst, commands.ok(), DRAIN_LIMIT)
                .render());
  }

  private Duration burst(StatsBook stats) {
    AtomicInteger issued = new AtomicInteger();
    int size = context.options().burst();
    return Workers.run(
        context.options().clients(),
        Duration.ofHours(1),
        () -> issued.get() >= size,
        random -> {
          if (issued.getAndIncrement() >= size) {
            return;
          }
          AdjustProductStockRequest request =
              AdjustProductStockRequest.newBuilder()
                  .setRequestId(context.names().requestId())
                  .setProductId(catalog.anyProduct(random))
                  .setDelta(1)
                  .setReason("benchmark pipeline burst")
                  .build();
          stats.call(
              "AdjustProductStock", () -> context.clients().commands().adjustProductStock(request));
        });
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

  /**
   * Waits until neither counter has moved for a while, so that events of earlier scenarios do not
   * count as this burst's.
   */
  private void awaitIdle() {
    long start = System.nanoTime();
    long giveUp = start + IDLE_LIMIT.toNanos();
    PipelineSample last = PipelineSampler.sample(relay, projector, start);
    long stillSince = System.nanoTime();
    while (System.nanoTime() - stillSince < IDLE_FOR.toNanos()) {
      if (System.nanoTime() > giveUp) {
        context
            .out()
            .println(
                "warning: the pipeline did not go idle within "
                    + IDLE_LIMIT.toSeconds()
                    + " s; figures include earlier events");
        return;
      }
      LockSupport.parkNanos(PipelineSampler.INTERVAL.toNanos());
      PipelineSample now = PipelineSampler.sample(relay, projector, start);
      if (now.published() != last.published() || now.applied() != last.applied()) {
        stillSince = System.nanoTime();
      }
      last = now;
    }
  }

  /** The first sample at which {@code counter} had grown by {@code events}, if any. */
  static Optional<PipelineSample> reached(
      List<PipelineSample> timeline,
      PipelineSample before,
      ToDoubleFunction<PipelineSample> counter,
      long events) {
    return timeline.stream()
        .filter(s -> counter.applyAsDouble(s) - counter.applyAsDouble(before) >= events)
        .findFirst();
  }
}
