package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.Component;
import io.cqrsshop.bench.proc.StackProcesses;
import io.cqrsshop.bench.proc.Suspension;
import io.cqrsshop.bench.report.Comparison;
import io.cqrsshop.bench.report.CostReport;
import io.cqrsshop.bench.report.Figures;
import io.cqrsshop.bench.report.LatencyReport;
import io.cqrsshop.bench.report.Phase;
import io.cqrsshop.bench.report.Ratios;
import io.cqrsshop.bench.report.ReadSide;
import io.cqrsshop.bench.report.Table;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Scenario 1: closed-loop clients send the {@link CommandMix} for a fixed time (per-RPC throughput,
 * latency percentiles and non-OK statuses); then AdjustProductStock alone over gRPC against the
 * same transaction, and a minimal one, sent straight to PostgreSQL over JDBC at the same
 * concurrency ({@link PostgresBaseline}), with the ratios; then PlaceOrder with 3 lines alone; and
 * every process's CPU per operation. With {@code --read-side paused} the projector and
 * query-service are frozen meanwhile.
 */
public final class CommandThroughput {

  static final String SCENARIO = "commands";

  /**
   * Products (and scratch rows) the AdjustProductStock comparison spreads over: enough that row
   * locks rarely collide even at 32 clients, so that both sides measure the cost of a command
   * rather than a queue on a few hot rows (the orders scenario measures that).
   */
  static final int ADJUSTED_PRODUCTS = 400;

  /** Lines of each order of the PlaceOrder phase: the size issue 11's target names. */
  static final int ORDER_LINES = 3;

  private final BenchContext context;
  private final CommandMix mix;
  private final Catalog catalog;
  private final List<String> adjusted = new ArrayList<>();

  public CommandThroughput(BenchContext context, CommandMix mix, Catalog catalog) {
    this.context = context;
    this.mix = mix;
    this.catalog = catalog;
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
    ReadSide readSide = options.readSide();
    context.out().println("read side: " + describe(readSide));
    Seeder.many(
            ADJUSTED_PRODUCTS,
            options.clients(),
            i -> context.seeder().product("adjust", Catalog.PLENTIFUL_STOCK))
        .forEach(product -> adjusted.add(product.id()));
    PhaseRunner runner = new PhaseRunner(context);
    List<Phase> phases = new ArrayList<>();
    Phase adjust;
    Phase same;
    Phase minimal;
    Phase orders;
    PipelineIdle pipeline = new PipelineIdle(context);
    PipelineSample beforeFreezing = pipeline.sample();
    try (PostgresBaseline postgres =
            PostgresBaseline.open(options, context.names(), options.clients(), ADJUSTED_PRODUCTS);
        Suspension ignored = freezeReadSide(readSide).orElse(null)) {
      phases.add(
          runner.run(
              SCENARIO,
              "mix",
              "the command mix over gRPC",
              readSide,
              Duration.ZERO,
              options.duration(),
              mix::step));
      context
          .out()
          .println(
              "measured "
                  + Figures.seconds(phases.getFirst().elapsed())
                  + "; latency = client-side round trip");
      context
          .out()
          .print(LatencyReport.render(phases.getFirst().rpcs(), phases.getFirst().elapsed()));
      adjust =
          runner.run(
              SCENARIO,
              "grpc-adjust-stock",
              "AdjustProductStock over gRPC",
              readSide,
              PhaseRunner.WARMUP,
              options.phaseDuration(),
              this::adjustStock);
      phases.add(adjust);
      same =
          runner.run(
              SCENARIO,
              "jdbc-same-transaction",
              "AdjustProductStock's transaction sent over JDBC",
              readSide,
              PhaseRunner.WARMUP,
              options.phaseDuration(),
              postgres::sameTransaction);
      phases.add(same);
      minimal =
          runner.run(
              SCENARIO,
              "jdbc-minimal-transaction",
              "update the state row + insert the event row over JDBC",
              readSide,
              PhaseRunner.WARMUP,
              options.phaseDuration(),
              postgres::minimalTransaction);
      phases.add(minimal);
      orders =
          runner.run(
              SCENARIO,
              "grpc-place-order",
              "PlaceOrder with " + ORDER_LINES + " lines over gRPC",
              readSide,
              PhaseRunner.WARMUP,
              options.phaseDuration(),
              this::placeOrder);
      phases.add(orders);
    }
    if (readSide == ReadSide.PAUSED) {
      Duration caughtUp = pipeline.awaitCaughtUp(beforeFreezing);
      context
          .out()
          .println(
              "read side thawed after the last phase below; the projector caught up in "
                  + Figures.seconds(caughtUp));
    }
    printBaselines(adjust, same, minimal);
    printPlaceOrder(orders);
    context.out().println();
    context.out().print(CostReport.render(phases));
  }

  private void adjustStock(SplittableRandom random, StatsBook stats) {
    AdjustProductStockRequest request =
        AdjustProductStockRequest.newBuilder()
            .setRequestId(context.names().requestId())
            .setProductId(adjusted.get(random.nextInt(adjusted.size())))
            .setDelta(1)
            .setReason("benchmark baseline")
            .build();
    stats.call(
        "AdjustProductStock", () -> context.clients().commands().adjustProductStock(request));
  }

  /** One order of three different products, one unit each, for any of the catalog's customers. */
  private void placeOrder(SplittableRandom random, StatsBook stats) {
    int first = random.nextInt(adjusted.size());
    List<String> products =
        IntStream.range(0, ORDER_LINES)
            .mapToObj(line -> adjusted.get((first + line) % adjusted.size()))
            .toList();
    PlaceOrderRequest request = context.seeder().orderRequest(catalog.anyUser(random), products);
    stats.call("PlaceOrder", () -> context.clients().commands().placeOrder(request));
  }

  private void printPlaceOrder(Phase phase) {
    context.subheading(
        "PlaceOrder with "
            + ORDER_LINES
            + " lines over gRPC, alone: "
            + context.options().clients()
            + " clients, "
            + context.options().phaseDuration().toSeconds()
            + " s, over the same products (its CPU per order: grpc-place-order below)");
    Table table = new Table("path", "orders/s", "p50 ms", "p90 ms", "p99 ms", "not OK");
    row(table, phase, "PlaceOrder over gRPC");
    context.out().print(table.render());
  }

  private void printBaselines(Phase grpc, Phase same, Phase minimal) {
    context.subheading(
        "AdjustProductStock against PostgreSQL directly: "
            + context.options().clients()
            + " clients, "
            + context.options().phaseDuration().toSeconds()
            + " s each, after "
            + PhaseRunner.WARMUP.toSeconds()
            + " s unmeasured; each over "
            + ADJUSTED_PRODUCTS
            + " products (JDBC: rows of a scratch schema, dropped afterwards)");
    Table table = new Table("path", "tx/s", "p50 ms", "p90 ms", "p99 ms", "not OK");
    row(table, grpc, "AdjustProductStock over gRPC");
    row(
        table,
        same,
        "its transaction over JDBC (" + PostgresBaseline.SAME_ROUND_TRIPS + " round trips)");
    row(
        table,
        minimal,
        "minimal transaction over JDBC (" + PostgresBaseline.MINIMAL_ROUND_TRIPS + " round trips)");
    context.out().print(table.render());
    Table ratios = new Table("ratio", "value", "p50 added");
    ratio(
        ratios,
        Comparison.of(grpc, same, "AdjustProductStock over gRPC / the same transaction over JDBC"));
    ratio(
        ratios,
        Comparison.of(grpc, minimal, "AdjustProductStock over gRPC / the minimal transaction"));
    ratio(
        ratios,
        Comparison.of(same, minimal, "the command's transaction / the minimal transaction"));
    context.out().print(ratios.render());
  }

  private static void row(Table table, Phase phase, String name) {
    table.row(
        name,
        Figures.whole(phase.opsPerSecond()),
        Figures.millis(phase.latencyAt(50).orElse(0L)),
        Figures.millis(phase.latencyAt(90).orElse(0L)),
        Figures.millis(phase.latencyAt(99).orElse(0L)),
        phase.notOk());
  }

  private void ratio(Table table, Comparison comparison) {
    context.report().add(comparison);
    table.row(
        comparison.compares(),
        Ratios.times(comparison.ratio()),
        Ratios.addedMillis(comparison.addedP50Micros()));
  }

  private Optional<Suspension> freezeReadSide(ReadSide readSide) {
    if (readSide == ReadSide.RUNNING) {
      return Optional.empty();
    }
    StackProcesses.Located located =
        new StackProcesses(context.proc(), context.options().stateDir()).locate();
    Map<Component, Long> readSideProcesses = new EnumMap<>(Component.class);
    for (Component component : List.of(Component.PROJECTOR, Component.QUERY_SERVICE)) {
      Long pid = located.pids().get(component);
      if (pid == null) {
        throw new HarnessException(
            "--read-side paused: cannot find the "
                + component.label()
                + ": "
                + located.missing().get(component));
      }
      readSideProcesses.put(component, pid);
    }
    return Optional.of(Suspension.freeze(context.proc(), readSideProcesses, context.out()));
  }

  private static String describe(ReadSide readSide) {
    return readSide == ReadSide.PAUSED
        ? "PAUSED: projector and query-service frozen (SIGSTOP) while this scenario measures,"
            + " thawed afterwards; the relay (inside command-service) keeps publishing"
        : "running: projector and query-service work alongside, sharing the CPUs"
            + " (--read-side paused freezes them)";
  }
}
