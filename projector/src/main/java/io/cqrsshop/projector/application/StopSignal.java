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

  public boolean isPastDeadline() {
    Instant until = deadline;
    return until != null && !clock.instant().isBefore(until);
  }
}
