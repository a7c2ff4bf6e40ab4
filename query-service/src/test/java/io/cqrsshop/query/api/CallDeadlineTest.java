package io.cqrsshop.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Deadline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {

  /** Time stands still, so that the time left is exactly what the test set. */
  private static final Deadline.Ticker FROZEN =
      new Deadline.Ticker() {
        @Override
        public long nanoTime() {
          return 0;
        }
      };

  @Test
  void remaining_noDeadline_isEmpty() {
    assertThat(CallDeadline.remaining(null)).isEmpty();
  }

  @Test
  void remaining_oneSecond_keepsATenthForTheReply() {
    assertThat(CallDeadline.remaining(Deadline.after(1, TimeUnit.SECONDS, FROZEN)))
        .contains(Duration.ofMillis(900));
  }

  @Test
  void remaining_longDeadline_keepsAtMostAQuarterSecond() {
    assertThat(CallDeadline.remaining(Deadline.after(10, TimeUnit.SECONDS, FROZEN)))
        .contains(Duration.ofMillis(9750));
  }

  @Test
  void remaining_shortDeadline_keepsAtLeastFiftyMillis() {
    assertThat(CallDeadline.remaining(Deadline.after(100, TimeUnit.MILLISECONDS, FROZEN)))
        .contains(Duration.ofMillis(50));
  }

  @Test
  void remaining_passedDeadline_isZero() {
    assertThat(CallDeadline.remaining(Deadline.after(-1, TimeUnit.SECONDS, FROZEN)))
        .contains(Duration.ZERO);
  }
}
