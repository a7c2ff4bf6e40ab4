package io.cqrsshop.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.bench.CallOutcome;
import io.cqrsshop.bench.RpcStats;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyReportTest {

  @Test
  void render_recordedCalls_printsRatePercentilesAndStatusesByKind() {
    RpcStats stats = new RpcStats("PlaceOrder");
    for (int i = 1; i <= 100; i++) {
      stats.record(Duration.ofMillis(i).toNanos(), CallOutcome.OK);
    }
    stats.record(
        Duration.ofMillis(1).toNanos(),
        new CallOutcome.Rejected(Status.Code.FAILED_PRECONDITION, "INSUFFICIENT_STOCK"));
    stats.record(
        Duration.ofMillis(1).toNanos(), new CallOutcome.Failed(Status.Code.UNAVAILABLE, ""));

    String report = LatencyReport.render(List.of(stats.snapshot()), Duration.ofSeconds(2));

    assertThat(report.lines().toList().get(1))
        .matches(
            "PlaceOrder\\s+102\\s+51\\.0\\s+49\\.0\\s+90\\.0\\s+99\\.0\\s+100\\s+100\\s+1\\s+1");
    assertThat(report)
        .containsPattern(
            "PlaceOrder\\s+FAILED_PRECONDITION INSUFFICIENT_STOCK\\s+rejection \\(expected\\)\\s+1\\s+1\\.0%")
        .containsPattern("PlaceOrder\\s+UNAVAILABLE\\s+ERROR\\s+1\\s+1\\.0%");
  }

  @Test
  void render_onlySuccesses_saysThereWereNoNonOkStatuses() {
    RpcStats stats = new RpcStats("CreateUser");
    stats.record(Duration.ofMillis(3).toNanos(), CallOutcome.OK);

    assertThat(LatencyReport.render(List.of(stats.snapshot()), Duration.ofSeconds(1)))
        .contains("non-OK statuses: none");
  }
}
