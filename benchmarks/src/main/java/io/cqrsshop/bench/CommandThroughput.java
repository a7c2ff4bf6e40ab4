package io.cqrsshop.bench;

import java.time.Duration;

/**
 * Scenario 1: closed-loop clients send the {@link CommandMix} for a fixed time; prints per-RPC
 * throughput, latency percentiles and non-OK statuses.
 */
public final class CommandThroughput {

  private final BenchContext context;
  private final CommandMix mix;

  public CommandThroughput(BenchContext context, CommandMix mix) {
    this.context = context;
    this.mix = mix;
  }

  public void run() {
    BenchOptions options = context.options();
    context.heading(
        "Commands: "
            + options.clients()
            + " clients, "
            + options.duration().toSeconds()
            + " s of the mix (50% PlaceOrder with 1-3 lines, 15% ChangeProductPrice,"
            + " 15% AdjustProductStock, 10% CreateProduct, 10% CreateUser)");
    StatsBook stats = new StatsBook();
    Duration elapsed =
        Workers.run(options.clients(), options.duration(), random -> mix.step(random, stats));
    context
        .out()
        .println("measured " + Figures.seconds(elapsed) + "; latency = client-side round trip");
    context.out().print(LatencyReport.render(stats.snapshots(), elapsed));
  }
}
