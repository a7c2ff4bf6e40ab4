package io.cqrsshop.projector.application;

import java.time.Duration;

/** Delays between retries: starting at {@code initial}, doubling up to {@code max}. */
public record Backoff(Duration initial, Duration max) {

  /** For production: quick first retry, and never so long that shutdown has to wait for it. */
  public static Backoff standard() {
    return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
  }
}
