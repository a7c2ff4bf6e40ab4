package io.cqrsshop.query.api;

import io.cqrsshop.query.application.ReadConsistency;
import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Turns the current call's deadline into the time a query may spend waiting for consistency. */
final class CallDeadline {

  /**
   * Give up this much before the caller's deadline: an answer sent at the deadline would lose the
   * race with the caller's own timer, and the caller would see a bare DEADLINE_EXCEEDED without the
   * reason.
   */
  static final Duration MARGIN = Duration.ofMillis(50);

  private CallDeadline() {}

  static ReadConsistency consistency(Checked<?> checked) {
    if (checked.writes().isEmpty()) {
      return ReadConsistency.NONE;
    }
    return new ReadConsistency(checked.writes(), remaining(Context.current().getDeadline()));
  }

  static Optional<Duration> remaining(Deadline deadline) {
    if (deadline == null) {
      return Optional.empty();
    }
    Duration left = Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)).minus(MARGIN);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }
}
