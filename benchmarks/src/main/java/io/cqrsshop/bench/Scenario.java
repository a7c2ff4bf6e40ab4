package io.cqrsshop.bench;

import java.util.Locale;

/**
 * The measurements the harness can run, in the order {@code all} runs them; {@link #REBUILD}, which
 * first fills the stream with 100,000 events, {@link #GROWTH}, which loads a large shop, and {@link
 * #WATCH}, which needs a query-service that allows 10,000 watches, run only when named.
 */
public enum Scenario {
  COMMANDS,
  ORDERS,
  FRESHNESS,
  QUERIES,
  PIPELINE,
  REBUILD,
  GROWTH,
  WATCH;

  /** Whether {@code --scenario all} (the default) runs it. */
  public boolean inAll() {
    return this != REBUILD && this != GROWTH && this != WATCH;
  }

  /** The name used on the command line. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
