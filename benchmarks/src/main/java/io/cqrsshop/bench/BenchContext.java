package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.Costs;
import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.proc.ProcFs;
import io.cqrsshop.bench.report.BenchReport;
import io.cqrsshop.bench.report.Comparison;
import io.cqrsshop.bench.report.Phase;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What every scenario gets: the options, the connections, this run's names, the output, the meter
 * that reads the stack's CPU time and the report that collects the figures.
 */
public record BenchContext(
    BenchOptions options,
    ShopClients clients,
    RunNames names,
    Seeder seeder,
    PrintStream out,
    ProcFs proc,
    CpuMeter meter,
    BenchReport report) {

  /** Prints a section heading. */
  public void heading(String title) {
    out.println();
    out.println("== " + title + " ==");
  }

  /** Prints a sub-section heading. */
  public void subheading(String title) {
    out.println();
    out.println("-- " + title + " --");
  }

  /** Reports a phase measured as a whole (a drain, a bulk load) and returns it. */
  Phase counted(
      String scenario, String name, String description, long ops, Duration elapsed, Costs costs) {
    return report.add(Phase.ofCount(scenario, name, description, ops, elapsed, costs));
  }

  /** Reports a phase measured as a whole from what a piece of work {@link Measured}. */
  Phase counted(String scenario, String name, String description, Measured measured) {
    return counted(
        scenario, name, description, measured.ops(), measured.elapsed(), measured.costs());
  }

  /** Reports a phase and returns it. */
  Phase record(Phase phase) {
    return report.add(phase);
  }

  /** Reports a phase against its baseline in the same run and returns the comparison. */
  Comparison compare(Phase subject, Phase baseline, String compares) {
    return report.add(Comparison.of(subject, baseline, compares));
  }
}
