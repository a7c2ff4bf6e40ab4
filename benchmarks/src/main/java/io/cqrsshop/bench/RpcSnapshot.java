package io.cqrsshop.bench;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What was recorded for one RPC: latencies in microseconds, successes, and the non-OK answers by
 * label ("FAILED_PRECONDITION INSUFFICIENT_STOCK").
 */
public record RpcSnapshot(
    String rpc,
    Histogram latencyMicros,
    long ok,
    Map<String, Long> rejected,
    Map<String, Long> failed) {

  public RpcSnapshot {
    // Sorted, so that reports list statuses in a stable order.
    rejected = Collections.unmodifiableMap(new TreeMap<>(rejected));
    failed = Collections.unmodifiableMap(new TreeMap<>(failed));
  }

  public long calls() {
    return latencyMicros.getTotalCount();
  }

  public long rejectedCount() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  public long failedCount() {
    return failed.values().stream().mapToLong(Long::longValue).sum();
  }
}
