package io.cqrsshop.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs the benchmark harness from the command line. Exit status: 0 when it ran (however slow the
 * figures), 1 when it could not run or a correctness check failed, 2 for a bad command line.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    List<String> arguments = List.of(args);
    if (arguments.contains("--help") || arguments.contains("-h")) {
      System.out.print(BenchOptions.usage());
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(arguments);
    } catch (UsageException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(BenchOptions.usage());
      System.exit(2);
      return;
    }
    System.exit(run(options, System.out));
  }

  static int run(BenchOptions options, PrintStream out) {
    RunNames names = RunNames.random();
    try (ShopClients clients = ShopClients.connect(options)) {
      BenchContext context =
          new BenchContext(options, clients, names, new Seeder(clients, names), out);
      boolean passed = new BenchRun(context).run();
      out.println();
      out.println(passed ? "done" : "done, but a correctness check FAILED");
      return passed ? 0 : 1;
    } catch (HarnessException e) {
      out.flush();
      System.err.println("bench: " + e.getMessage());
      return 1;
    }
  }
}
