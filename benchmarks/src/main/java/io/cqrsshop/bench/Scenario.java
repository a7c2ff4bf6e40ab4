package io.cqrsshop.bench;

import java.util.Locale;

/** The measurements the harness can run, in the order {@code all} runs them. */
public enum Scenario {
  COMMANDS,
  ORDERS,
  FRESHNESS,
  QUERIES,
  PIPELINE;

  /** The name used on the command line. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
