package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.Component;
import io.cqrsshop.bench.proc.Costs;
import io.cqrsshop.bench.proc.CpuMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/** One run of the harness: seeds data, warms up, then runs the chosen scenarios in order. */
public final class BenchRun {

  /** How long the machine's idle load is sampled before the run. */
  private static final Duration IDLE_SAMPLE = Duration.ofSeconds(1);

  /** Other processes' load above which the header warns that the figures are held back. */
  private static final double BUSY_MACHINE = 0.25;

  private final BenchContext context;

  public BenchRun(BenchContext context) {
    this.context = context;
  }

  /** Runs everything; true when every correctness check passed. */
  public boolean run() {
    BenchOptions options = context.options();
    printHeader(options);
    Catalog catalog = Catalog.seed(context.seeder(), options.clients());
    CommandMix mix = new CommandMix(context.clients(), context.names(), catalog);
    warmUp(options, mix);

    boolean passed = true;
    for (Scenario scenario : Scenario.values()) {
      if (!options.scenarios().contains(scenario)) {
        continue;
      }
      switch (scenario) {
        case COMMANDS -> new CommandThroughput(context, mix, catalog).run();
        case ORDERS -> {
          boolean balanced = new ContendedOrders(context).run();
          context.report().check("stock_audit_balanced", balanced);
          passed &= balanced;
        }
        case FRESHNESS -> new Freshness(context).run();
        case QUERIES -> new QueryThroughput(context).run();
        case PIPELINE -> new PipelineDrain(context, catalog).run();
        case REBUILD -> new RebuildThroughput(context, catalog).run();
        case GROWTH -> new GrowthCurve(context, catalog).run();
        case WATCH -> passed &= new WatchFanOut(context).run();
      }
    }
    context.report().finish();
    return passed;
  }

  private void printHeader(BenchOptions options) {
    context
        .out()
        .println(
            "cqrs-shop benchmark "
                + context.names().run()
                + " at "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + ": CommandService "
                + options.commandTarget()
                + ", QueryService "
                + options.queryTarget()
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " CPU(s) visible to the harness");
    context
        .out()
        .println(
            "Figures are indicative: the harness competes for the same CPUs as the services when they"
                + " share a machine.");
    printMachineLoad();
  }

  /** Says how busy the machine is before anything runs, so that low figures can be read right. */
  private void printMachineLoad() {
    CpuMeter.Reading start = context.meter().read();
    LockSupport.parkNanos(IDLE_SAMPLE.toNanos());
    Costs idle = context.meter().since(start);
    Costs.Used others = idle.used().get(Component.OTHERS);
    if (others == null) {
      return;
    }
    double cores = others.cores(IDLE_SAMPLE).orElse(0);
    context
        .out()
        .println(
            String.format(
                Locale.ROOT,
                "before the run, processes outside the stack kept %.2f of %d cores busy%s",
                cores,
                Runtime.getRuntime().availableProcessors(),
                cores > BUSY_MACHINE
                    ? ": the figures will be lower than this machine can do (see 'others' below)"
                    : ""));
    idle.unmeasured()
        .forEach(
            (component, why) ->
                context.out().println("not measured: " + component.label() + " (" + why + ")"));
  }

  private void warmUp(BenchOptions options, CommandMix mix) {
    if (options.warmup().isZero()) {
      return;
    }
    context
        .out()
        .println(
            "warming up: " + options.warmup().toSeconds() + " s of the command mix, not measured");
    PhaseRunner.warmUp(options.clients(), options.warmup(), mix::step);
  }
}
