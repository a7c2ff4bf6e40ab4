package io.cqrsshop.query.api;

import io.cqrsshop.query.application.ReadConsistency;
import io.cqrsshop.runtime.grpc.CallsPerCaller;
import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Turns the current call's deadline into the time a query may spend waiting for consistency, and
 * names the caller the wait counts against.
 */
final class CallDeadline {

  /**
   * Give up a little before the caller's deadline: an answer sent at the deadline would lose the
   * race with the caller's own timer, and the caller would see a bare DEADLINE_EXCEEDED without the
   * reason. A tenth of the time left, within these bounds, leaves room for the last look and the
   * reply.
   */
  static final Duration MIN_MARGIN = Duration.ofMillis(50);

  static final Duration MAX_MARGIN = Duration.ofMillis(250);

  /** Calls that bypassed {@link CallsPerCaller} (in-process tests) share one count. */
  static final String UNIDENTIFIED_CALLER = "unidentified";

  private CallDeadline() {}

  static ReadConsistency consistency(Checked<?> checked) {
    if (checked.writes().isEmpty()) {
      return ReadConsistency.NONE;
    }
    return new ReadConsistency(
        checked.writes(),
        remaining(Context.current().getDeadline()),
        CallsPerCaller.currentCaller().orElse(UNIDENTIFIED_CALLER));
  }

  static Optional<Duration> remaining(Deadline deadline) {
    if (deadline == null) {
      return Optional.empty();
    }
    Duration left = Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS));
    Duration margin = clamp(left.dividedBy(10), MIN_MARGIN, MAX_MARGIN);
    Duration budget = left.minus(margin);
    return Optional.of(budget.isNegative() ? Duration.ZERO : budget);
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}
