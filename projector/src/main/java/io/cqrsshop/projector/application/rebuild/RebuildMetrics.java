package io.cqrsshop.projector.application.rebuild;

import io.cqrsshop.projector.application.BulkMetrics;
import io.cqrsshop.readmodel.ReadModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Progress of the rebuilds this projector runs, per read model: events done and in all, rate and
 * seconds left (all 0 while it runs none), and how rebuilds ended.
 */
public final class RebuildMetrics implements BulkMetrics {

  private static final Snapshot IDLE = new Snapshot(0, 0, 0, 0);

  private final MeterRegistry registry;
  private final Timer bulkLatency;
  private final Map<ReadModel, AtomicReference<Snapshot>> running = new EnumMap<>(ReadModel.class);

  public RebuildMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.bulkLatency =
        Timer.builder("projector.rebuild.bulk.latency")
            .description("duration of one bulk write of a rebuild")
            .register(registry);
    for (ReadModel model : ReadModel.values()) {
      AtomicReference<Snapshot> snapshot = new AtomicReference<>(IDLE);
      running.put(model, snapshot);
      gauge(
          "projector.rebuild.events.done",
          "events the running rebuild applied",
          model,
          snapshot,
          Snapshot::done);
      gauge(
          "projector.rebuild.events.expected",
          "events the running rebuild applies in all",
          model,
          snapshot,
          Snapshot::total);
      gauge(
          "projector.rebuild.events.per.second",
          "rate of the running rebuild",
          model,
          snapshot,
          Snapshot::rate);
      gauge(
          "projector.rebuild.seconds.left",
          "time the running rebuild needs at its rate",
          model,
          snapshot,
          Snapshot::secondsLeft);
    }
  }

  @Override
  public Timer bulkLatency() {
    return bulkLatency;
  }

  /** A rebuild writes every version it reads; an older one in its index is nothing to report. */
  @Override
  public void stale() {}

  @Override
  public void leftToRebuild(ReadModel model) {}

  void applied(ReadModel model, int events) {
    Counter.builder("projector.rebuild.events.applied")
        .description("events this projector applied in rebuilds, by read model")
        .tag("read_model", model.baseName())
        .register(registry)
        .increment(events);
  }

  void progress(ReadModel model, RebuildProgress progress) {
    running
        .get(model)
        .set(
            new Snapshot(
                progress.eventsDone(),
                progress.eventsTotal(),
                progress.eventsPerSecond(),
                progress.timeLeft().map(left -> left.toMillis() / 1000.0).orElse(-1.0)));
  }

  void ended(ReadModel model, RebuildState state) {
    running.get(model).set(IDLE);
    Counter.builder("projector.rebuilds")
        .description("rebuilds this projector ended, by read model and how they ended")
        .tag("read_model", model.baseName())
        .tag("state", state.name())
        .register(registry)
        .increment();
  }

  private void gauge(
      String name,
      String description,
      ReadModel model,
      AtomicReference<Snapshot> snapshot,
      java.util.function.ToDoubleFunction<Snapshot> value) {
    Gauge.builder(name, snapshot, ref -> value.applyAsDouble(ref.get()))
        .description(description)
        .tag("read_model", model.baseName())
        .register(registry);
  }

  private record Snapshot(double done, double total, double rate, double secondsLeft) {}
}
