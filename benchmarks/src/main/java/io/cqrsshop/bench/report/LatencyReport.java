package io.cqrsshop.bench.report;

import io.cqrsshop.bench.RpcSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Renders per-RPC figures: count, throughput, latency percentiles, and every non-OK status by code
 * and reason, business rejections apart from errors.
 */
public final class LatencyReport {

  private LatencyReport() {}

  public static String render(List<RpcSnapshot> snapshots, Duration elapsed) {
    Table latency =
        new Table(
            "rpc",
            "calls",
            "ops/s",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms",
            "ok",
            "rejected",
            "errors");
    Histogram all = null;
    long ok = 0;
    long rejected = 0;
    long failed = 0;
    for (RpcSnapshot s : snapshots) {
      latency.row(
          latencyRow(
              s.rpc(), s.latencyMicros(), s.ok(), s.rejectedCount(), s.failedCount(), elapsed));
      if (all == null) {
        all = s.latencyMicros().copy();
      } else {
        all.add(s.latencyMicros());
      }
      ok += s.ok();
      rejected += s.rejectedCount();
      failed += s.failedCount();
    }
    if (all != null && snapshots.size() > 1) {
      latency.row(latencyRow("all", all, ok, rejected, failed, elapsed));
    }
    return latency.render() + "\n" + statuses(snapshots);
  }

  private static Object[] latencyRow(
      String name, Histogram h, long ok, long rejected, long failed, Duration elapsed) {
    return new Object[] {
      name,
      h.getTotalCount(),
      Figures.rate(h.getTotalCount(), elapsed),
      Figures.millis(h.getValueAtPercentile(50)),
      Figures.millis(h.getValueAtPercentile(90)),
      Figures.millis(h.getValueAtPercentile(99)),
      Figures.millis(h.getMaxValue()),
      ok,
      rejected,
      failed
    };
  }

  /** The non-OK answers; says so plainly when there were none. */
  static String statuses(List<RpcSnapshot> snapshots) {
    Table table = new Table("rpc", "status", "kind", "count", "share");
    for (RpcSnapshot s : snapshots) {
      addAll(table, s, s.rejected(), "rejection (expected)");
      addAll(table, s, s.failed(), "ERROR");
    }
    if (table.isEmpty()) {
      return "non-OK statuses: none\n";
    }
    return "non-OK statuses (business rejections are expected answers; errors are not):\n"
        + table.render();
  }

  private static void addAll(Table table, RpcSnapshot s, Map<String, Long> byLabel, String kind) {
    byLabel.forEach(
        (label, count) ->
            table.row(s.rpc(), label, kind, count, Figures.percent(count, s.calls())));
  }
}
