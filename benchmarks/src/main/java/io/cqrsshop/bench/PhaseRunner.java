package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.Costs;
import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.report.Phase;
import io.cqrsshop.bench.report.ReadSide;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Runs one measured phase of closed-loop clients: an unmeasured warm-up of the same calls (so a
 * baseline and its subject both start warm), then the measurement, with the CPU time of every
 * process of the stack read around it.
 */
final class PhaseRunner {

  /** Long enough for JIT and statement caches to settle on a call that ran before. */
  static final Duration WARMUP = Duration.ofSeconds(2);

  /** One call of one client, recorded in the phase's stats. */
  @FunctionalInterface
  interface Call {
    void run(SplittableRandom random, StatsBook stats);
  }

  private final BenchContext context;

  PhaseRunner(BenchContext context) {
    this.context = context;
  }

  /** {@code clients} closed-loop clients make {@code call} for {@code warmup}, not recorded. */
  static void warmUp(int clients, Duration warmup, Call call) {
    if (!warmup.isZero()) {
      StatsBook discarded = new StatsBook();
      Workers.run(clients, warmup, random -> call.run(random, discarded));
    }
  }

  Phase run(
      String scenario,
      String name,
      String description,
      ReadSide readSide,
      Duration warmup,
      Duration duration,
      Call call) {
    int clients = context.options().clients();
    warmUp(clients, warmup, call);
    StatsBook stats = new StatsBook();
    CpuMeter.Reading start = context.meter().read();
    Duration elapsed = Workers.run(clients, duration, random -> call.run(random, stats));
    Costs costs = context.meter().since(start);
    return context.record(
        Phase.ofCalls(scenario, name, description, readSide, stats.snapshots(), elapsed, costs));
  }
}
