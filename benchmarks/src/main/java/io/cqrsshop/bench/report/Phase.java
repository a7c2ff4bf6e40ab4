package io.cqrsshop.bench.report;

import io.cqrsshop.bench.RpcSnapshot;
import io.cqrsshop.bench.proc.Costs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * One measured stretch of a scenario: how many operations completed in how long, their latency
 * (where each was timed), and the CPU time and memory each process of the stack spent on them.
 *
 * @param name short and stable, so that the phases of two runs can be matched up
 * @param description what ran, for people
 * @param latencyMicros every operation's latency, when operations were timed one by one
 * @param rpcs the figures per RPC, when the phase sent several kinds of calls
 */
public record Phase(
    String scenario,
    String name,
    String description,
    ReadSide readSide,
    long ops,
    Duration elapsed,
    Optional<Histogram> latencyMicros,
    List<RpcSnapshot> rpcs,
    Costs costs) {

  public Phase {
    rpcs = List.copyOf(rpcs);
  }

  /** A phase of timed calls: operations and latency come from the calls' snapshots. */
  public static Phase ofCalls(
      String scenario,
      String name,
      String description,
      ReadSide readSide,
      List<RpcSnapshot> rpcs,
      Duration elapsed,
      Costs costs) {
    Histogram all = new Histogram(3);
    rpcs.forEach(rpc -> all.add(rpc.latencyMicros()));
    return new Phase(
        scenario,
        name,
        description,
        readSide,
        all.getTotalCount(),
        elapsed,
        Optional.of(all),
        rpcs,
        costs);
  }

  /** A phase measured as a whole (a drain, a bulk load): a count over a time. */
  public static Phase ofCount(
      String scenario, String name, String description, long ops, Duration elapsed, Costs costs) {
    return new Phase(
        scenario,
        name,
        description,
        ReadSide.RUNNING,
        ops,
        elapsed,
        Optional.empty(),
        List.of(),
        costs);
  }

  public double opsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : ops / seconds;
  }

  /** Calls that did not answer OK (business rejections and errors). */
  public long notOk() {
    return rpcs.stream().mapToLong(r -> r.rejectedCount() + r.failedCount()).sum();
  }

  /** The latency at a percentile in microseconds, when operations were timed. */
  public Optional<Long> latencyAt(double percentile) {
    return latencyMicros.map(h -> h.getValueAtPercentile(percentile));
  }
}
