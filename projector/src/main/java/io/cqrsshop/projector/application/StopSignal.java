package io.cqrsshop.projector.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells the projection that the process is stopping, and until when the work in flight may still
 * finish: retries keep going until that deadline, then give the events back.
 */
public final class StopSignal {

  private final Clock clock;
  private volatile Instant deadline;

  public StopSignal(Clock clock) {
    this.clock = clock;
  }

  public synchronized void stop(Duration grace) {
    if (deadline == null) {
      deadline = clock.instant().plus(grace);
    }
  }

  public boolean isStopping() {
    return deadline != null;
  }

  /** Whether the grace ends within {@code margin}: too late to wait that long and try again. */
  public boolean endsWithin(Duration margin) {
    Instant until = deadline;
    return until != null && !clock.instant().plus(margin).isBefore(until);
  }
}
