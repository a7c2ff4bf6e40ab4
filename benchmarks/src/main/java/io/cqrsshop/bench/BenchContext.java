package io.cqrsshop.bench;

import java.io.PrintStream;

/** What every scenario gets: the options, the connections, this run's names and the output. */
public record BenchContext(
    BenchOptions options, ShopClients clients, RunNames names, Seeder seeder, PrintStream out) {

  /** Prints a section heading. */
  public void heading(String title) {
    out.println();
    out.println("== " + title + " ==");
  }
}
