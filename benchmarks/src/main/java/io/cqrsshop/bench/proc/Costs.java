package io.cqrsshop.bench.proc;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The CPU time each process of the stack used during one measurement and the memory it held at its
 * end, and why a process could not be measured.
 */
public record Costs(Map<Component, Used> used, Map<Component, String> unmeasured) {

  public static final Costs NONE = new Costs(Map.of(), Map.of());

  public Costs {
    used = Collections.unmodifiableMap(copy(used));
    unmeasured = Collections.unmodifiableMap(copy(unmeasured));
  }

  /** One process tree's CPU ticks over the measurement and resident bytes at its end. */
  public record Used(long cpuTicks, long rssBytes) {

    public double cpuSeconds() {
      return (double) cpuTicks / ProcFs.TICKS_PER_SECOND;
    }

    /** CPU time per operation in microseconds; empty without operations. */
    public OptionalDouble microsPerOp(long ops) {
      return ops <= 0 ? OptionalDouble.empty() : OptionalDouble.of(cpuSeconds() * 1e6 / ops);
    }

    /** How many cores it kept busy on average: CPU time over wall time. */
    public OptionalDouble cores(Duration elapsed) {
      double seconds = elapsed.toNanos() / 1e9;
      return seconds <= 0 ? OptionalDouble.empty() : OptionalDouble.of(cpuSeconds() / seconds);
    }

    public double rssMegabytes() {
      return rssBytes / (1024.0 * 1024.0);
    }
  }

  private static <V> Map<Component, V> copy(Map<Component, V> map) {
    Map<Component, V> copy = new EnumMap<>(Component.class);
    copy.putAll(map);
    return copy;
  }
}
