package io.cqrsshop.bench.report;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the watch scenario measured at one size beyond its {@link Phase}: how the watches were
 * spread, query-service's resident memory before and with them open, and the checks on delivery.
 *
 * @param phase the name of the phase with the latency, the updates delivered and the CPU time
 * @param rssBefore query-service's resident bytes before the watches were opened
 * @param rssOpen the same once every watch had sent its first message
 * @param behind watchers that had not seen their product's newest version when the writes stopped
 *     and the drain time had passed
 * @param ended streams that ended before the harness closed them
 */
public record WatchResult(
    String phase,
    int watches,
    int channels,
    int products,
    double commandsPerSecond,
    long commandsFailed,
    long commandsLate,
    OptionalLong rssBefore,
    OptionalLong rssOpen,
    long behind,
    long ended,
    long beforeAnswer) {

  private static final double MB = 1024.0 * 1024.0;

  /** The resident memory the open watches added, in MB per 1,000 watches. */
  public OptionalDouble megabytesPerThousand() {
    if (rssBefore.isEmpty() || rssOpen.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        (rssOpen.getAsLong() - rssBefore.getAsLong()) / MB / (watches / 1000.0));
  }

  public static OptionalDouble megabytes(OptionalLong bytes) {
    return bytes.isPresent() ? OptionalDouble.of(bytes.getAsLong() / MB) : OptionalDouble.empty();
  }
}
