package io.cqrsshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcStatsTest {

  @Test
  void snapshot_takenTwice_coversEveryCallBothTimes() {
    RpcStats stats = new RpcStats("AdjustProductStock");
    stats.record(Duration.ofMillis(2).toNanos(), CallOutcome.OK);
    stats.snapshot();
    stats.record(
        Duration.ofMillis(4).toNanos(),
        new CallOutcome.Rejected(Status.Code.FAILED_PRECONDITION, "INSUFFICIENT_STOCK"));

    RpcSnapshot second = stats.snapshot();

    assertThat(second.calls()).isEqualTo(2);
    assertThat(second.ok()).isEqualTo(1);
    assertThat(second.rejected()).containsEntry("FAILED_PRECONDITION INSUFFICIENT_STOCK", 1L);
    assertThat(second.latencyMicros().getMaxValue()).isBetween(3990L, 4010L);
  }
}
