package io.cqrsshop.projector.application;

import io.cqrsshop.readmodel.ReadModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an operator watches on a projector: how far behind it is (in events and in seconds), how big
 * and how slow its writes are, and what became of the events.
 */
public final class ProjectorMetrics implements BulkMetrics {

  private final Clock clock;
  private final Map<ReadModel, Counter> applied = new EnumMap<>(ReadModel.class);
  private final Counter stale;
  private final Counter retried;
  private final MeterRegistry registry;
  private final DistributionSummary batchSize;
  private final Timer bulkLatency;
  private final AtomicLong lagEvents = new AtomicLong();
  private final AtomicLong parkedEvents = new AtomicLong();
  private final AtomicReference<Instant> lastApplied = new AtomicReference<>();

  public ProjectorMetrics(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    this.registry = registry;
    for (ReadModel model : ReadModel.values()) {
      applied.put(
          model,
          Counter.builder("projector.events.applied")
              .description(
                  "events fully written into an index of the read model, then acknowledged")
              .tag("read_model", model.baseName())
              .register(registry));
    }
    stale =
        counter(registry, "projector.documents.stale", "documents older than the stored version");
    retried = counter(registry, "projector.bulk.retries", "bulk writes attempted again");
    batchSize =
        DistributionSummary.builder("projector.batch.size")
            .description("messages per fetched batch")
            .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000, 2500)
            .register(registry);
    bulkLatency =
        Timer.builder("projector.bulk.latency")
            .description("duration of one bulk write to the read-model store")
            .register(registry);
    Gauge.builder("projector.lag.events", lagEvents, AtomicLong::get)
        .description("events in the stream not yet delivered to any projector")
        .register(registry);
    // Registered up front, so that dashboards and alerts see a 0 rather than no series.
    for (ParkReason reason : ParkReason.values()) {
      parkedCounter(reason);
    }
    Gauge.builder("projector.parked.events", parkedEvents, AtomicLong::get)
        .description("events parked because they could not be applied, awaiting replay")
        .register(registry);
    Gauge.builder("projector.lag.seconds", this, ProjectorMetrics::lagSeconds)
        .description("age of the last applied event; 0 when nothing is waiting")
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  void batch(int size) {
    batchSize.record(size);
  }

  @Override
  public Timer bulkLatency() {
    return bulkLatency;
  }

  void applied(ReadModel model, Optional<Instant> occurTime) {
    applied.get(model).increment();
    occurTime.ifPresent(
        time ->
            lastApplied.accumulateAndGet(
                time,
                (previous, next) -> previous == null || next.isAfter(previous) ? next : previous));
  }

  @Override
  public void stale() {
    stale.increment();
  }

  void retried() {
    retried.increment();
  }

  void parked(ParkReason reason) {
    parkedCounter(reason).increment();
  }

  private Counter parkedCounter(ParkReason reason) {
    return Counter.builder("projector.events.parked")
        .description("events that could not be applied and were parked, by reason")
        .tag("reason", reason.name())
        .register(registry);
  }

  @Override
  public void leftToRebuild(io.cqrsshop.readmodel.ReadModel model) {
    Counter.builder("projector.documents.left.to.rebuild")
        .description("documents not written because their read model has no index yet")
        .tag("read_model", model.baseName())
        .register(registry)
        .increment();
  }

  /** Records how many events are parked right now. */
  public void parkedEvents(long count) {
    parkedEvents.set(count);
  }

  /** Records the number of events still waiting in the stream. */
  public void lagEvents(long pending) {
    lagEvents.set(pending);
  }

  /**
   * The age of the newest applied event while events are waiting. When nothing waits the projector
   * is caught up, and a quiet shop must not look like a lagging projector.
   */
  double lagSeconds() {
    Instant last = lastApplied.get();
    if (last == null || lagEvents.get() == 0) {
      return 0;
    }
    return Math.max(0, Duration.between(last, clock.instant()).toMillis() / 1000.0);
  }
}
