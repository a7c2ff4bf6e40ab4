package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.proc.ProcFs;
import io.cqrsshop.bench.proc.StackProcesses;
import io.cqrsshop.bench.report.BenchReport;
import io.cqrsshop.bench.report.JsonReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

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
    // With the JSON on standard output, the tables for people move to standard error.
    boolean jsonToStdout = options.json().map("-"::equals).orElse(false);
    System.exit(run(options, jsonToStdout ? System.err : System.out));
  }

  static int run(BenchOptions options, PrintStream out) {
    RunNames names = RunNames.random();
    ProcFs proc = ProcFs.system();
    CpuMeter meter = new CpuMeter(proc, new StackProcesses(proc, options.stateDir()));
    BenchReport report =
        new BenchReport(
            names.run(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            options,
            Runtime.getRuntime().availableProcessors());
    int status;
    try (ShopClients clients = ShopClients.connect(options)) {
      BenchContext context =
          new BenchContext(
              options, clients, names, new Seeder(clients, names), out, proc, meter, report);
      boolean passed = new BenchRun(context).run();
      out.println();
      out.println(passed ? "done" : "done, but a correctness check FAILED");
      status = passed ? 0 : 1;
    } catch (HarnessException e) {
      out.flush();
      System.err.println("bench: " + e.getMessage());
      status = 1;
    }
    return writeJson(options.json(), report) ? status : 1;
  }

  /** Writes the JSON report, also of a run cut short (then marked unfinished). */
  private static boolean writeJson(Optional<String> target, BenchReport report) {
    if (target.isEmpty()) {
      return true;
    }
    String json = JsonReport.render(report);
    if (target.get().equals("-")) {
      System.out.print(json);
      System.out.flush();
      return true;
    }
    try {
      Files.writeString(Path.of(target.get()), json, StandardCharsets.UTF_8);
      System.err.println("bench: figures written to " + target.get());
      return true;
    } catch (IOException e) {
      System.err.println("bench: cannot write " + target.get() + ": " + e);
      return false;
    }
  }
}
