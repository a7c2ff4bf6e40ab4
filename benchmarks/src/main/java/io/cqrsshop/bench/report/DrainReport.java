package io.cqrsshop.bench.report;

import io.cqrsshop.bench.PipelineDrain;
import io.cqrsshop.bench.PipelineSample;
import io.cqrsshop.bench.PipelineSampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Turns the pipeline scenario's metric timeline into figures: when the relay and the projector had
 * handled every event of the burst, at what rate, and how much was left when the burst ended.
 */
public record DrainReport(
    PipelineSample before,
    PipelineSample atBurstEnd,
    List<PipelineSample> timeline,
    Duration burst,
    long events,
    Duration limit) {

  public DrainReport {
    // The sample taken as the burst ended belongs in the timeline too, in time order.
    List<PipelineSample> all = new ArrayList<>(timeline);
    all.add(atBurstEnd);
    all.sort(Comparator.comparingLong(PipelineSample::nanos));
    timeline = List.copyOf(all);
  }

  public String render() {
    Table stages =
        new Table(
            "stage",
            "events",
            "all done after",
            "after burst end",
            "events/s from start",
            "left at burst end");
    stages.row(
        "commands committed",
        events,
        Figures.seconds(burst),
        "-",
        Figures.rate(events, burst),
        "-");
    stage(stages, "relay: published to NATS", PipelineSample::published);
    stage(stages, "projector: applied to ES", PipelineSample::applied);

    Table metrics = new Table("metric", "before", "at burst end", "after", "max seen");
    metric(metrics, PipelineSampler.PUBLISHED, PipelineSample::published);
    metric(metrics, PipelineSampler.BACKLOG, PipelineSample::backlog);
    metric(metrics, PipelineSampler.APPLIED, PipelineSample::applied);
    metric(metrics, PipelineSampler.LAG, PipelineSample::lag);
    return stages.render()
        + "\n"
        + metrics.render()
        + "times from the burst's start; metrics sampled every "
        + PipelineSampler.INTERVAL.toMillis()
        + " ms, so times are accurate to about that.\n"
        + PipelineSampler.BACKLOG
        + " and "
        + PipelineSampler.LAG
        + " are refreshed by the services only every 5 s; the counters are live.\n";
  }

  /** When {@code counter} had grown by every event of the burst, from the burst's start. */
  public Optional<Duration> doneAfter(ToDoubleFunction<PipelineSample> counter) {
    return PipelineDrain.reached(timeline, before, counter, events)
        .map(sample -> Duration.ofNanos(sample.nanos()));
  }

  private void stage(Table table, String name, ToDoubleFunction<PipelineSample> counter) {
    long left = events - grown(atBurstEnd, counter);
    Optional<PipelineSample> done = PipelineDrain.reached(timeline, before, counter, events);
    if (done.isEmpty()) {
      long handled = grown(timeline.getLast(), counter);
      table.row(
          name,
          handled + " of " + events,
          "not within " + limit.toSeconds() + " s",
          "-",
          "-",
          Math.max(0, left));
      return;
    }
    Duration after = Duration.ofNanos(done.get().nanos());
    Duration afterBurst = after.minus(burst).isNegative() ? Duration.ZERO : after.minus(burst);
    table.row(
        name,
        events,
        Figures.seconds(after),
        Figures.seconds(afterBurst),
        Figures.rate(events, after),
        Math.max(0, left));
  }

  private void metric(Table table, String name, ToDoubleFunction<PipelineSample> value) {
    double max = value.applyAsDouble(before);
    for (PipelineSample sample : timeline) {
      max = Math.max(max, value.applyAsDouble(sample));
    }
    table.row(
        name,
        whole(value.applyAsDouble(before)),
        whole(value.applyAsDouble(atBurstEnd)),
        whole(value.applyAsDouble(timeline.getLast())),
        whole(max));
  }

  private long grown(PipelineSample sample, ToDoubleFunction<PipelineSample> counter) {
    return Math.round(counter.applyAsDouble(sample) - counter.applyAsDouble(before));
  }

  private static String whole(double value) {
    return Long.toString(Math.round(value));
  }
}
