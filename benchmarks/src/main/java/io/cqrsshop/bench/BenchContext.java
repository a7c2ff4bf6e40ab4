package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.proc.ProcFs;
import io.cqrsshop.bench.report.BenchReport;
import java.io.PrintStream;

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
}
