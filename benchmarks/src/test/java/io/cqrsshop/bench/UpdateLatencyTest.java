package io.cqrsshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpdateLatencyTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void received_writeAnsweredInsideTheWindow_timesItFromTheAnswerAlsoAfterTheWindow() {
    UpdateLatency latency = new UpdateLatency();
    latency.openWindow(1_000 * MS);
    latency.answered("p1", 7, 1_990 * MS);
    latency.closeWindow(2_000 * MS);

    latency.received("p1", 7, 2_030 * MS);
    latency.received("p1", 7, 2_050 * MS);

    assertThat(latency.micros().getTotalCount()).isEqualTo(2);
    assertThat(latency.micros().getMinValue()).isBetween(39_900L, 40_100L);
    assertThat(latency.micros().getMaxValue()).isBetween(59_900L, 60_100L);
    // Received after the window: timed, but not delivered within it.
    assertThat(latency.delivered()).isZero();
  }

  @Test
  void received_writeAnsweredBeforeTheWindow_countsAsDeliveredButIsNotTimed() {
    UpdateLatency latency = new UpdateLatency();
    latency.answered("p1", 3, 900 * MS);
    latency.openWindow(1_000 * MS);

    latency.received("p1", 3, 1_010 * MS);

    assertThat(latency.delivered()).isEqualTo(1);
    assertThat(latency.micros().getTotalCount()).isZero();
  }

  @Test
  void received_beforeTheAnswer_isCountedApart() {
    UpdateLatency latency = new UpdateLatency();
    latency.openWindow(0);

    latency.received("p1", 4, 10 * MS);

    assertThat(latency.beforeAnswer()).isEqualTo(1);
    assertThat(latency.micros().getTotalCount()).isZero();
  }
}
