package io.cqrsshop.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies and outcomes of one RPC, recorded from many threads at once. Latencies of every call
 * count, whatever its outcome, because a rejection costs the server a round trip too.
 */
public final class RpcStats {

  private final String rpc;
  // Microseconds, three significant digits: 0.1% resolution from 1 µs up to minutes.
  private final Recorder latencies = new Recorder(3);
  // What earlier snapshots took out of the recorder, so that every snapshot covers everything.
  private final Histogram taken = new Histogram(3);
  private final LongAdder ok = new LongAdder();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();

  public RpcStats(String rpc) {
    this.rpc = rpc;
  }

  public void record(long elapsedNanos, CallOutcome outcome) {
    latencies.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(elapsedNanos)));
    switch (outcome) {
      case CallOutcome.Ok unused -> ok.increment();
      case CallOutcome.Rejected r ->
          rejected
              .computeIfAbsent(CallOutcome.label(r.code(), r.reason()), k -> new LongAdder())
              .increment();
      case CallOutcome.Failed f ->
          failed
              .computeIfAbsent(CallOutcome.label(f.code(), f.reason()), k -> new LongAdder())
              .increment();
    }
  }

  /** Everything recorded so far; exact once the callers have stopped. */
  public synchronized RpcSnapshot snapshot() {
    taken.add(latencies.getIntervalHistogram());
    return new RpcSnapshot(rpc, taken.copy(), ok.sum(), sums(rejected), sums(failed));
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counters) {
    Map<String, Long> sums = new TreeMap<>();
    counters.forEach((label, adder) -> sums.put(label, adder.sum()));
    return sums;
  }
}
