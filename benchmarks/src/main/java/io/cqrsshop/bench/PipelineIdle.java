package io.cqrsshop.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the relay and the projector to settle, read from their counters: so that events of an
 * earlier phase (or a backlog left by a frozen projector) do not count as the next phase's work.
 */
final class PipelineIdle {

  private static final Duration STILL_FOR = Duration.ofMillis(1500);
  private static final Duration LIMIT = Duration.ofMinutes(3);

  private final BenchContext context;
  private final MetricsEndpoint relay;
  private final MetricsEndpoint projector;

  PipelineIdle(BenchContext context) {
    this.context = context;
    this.relay = new MetricsEndpoint(context.options().commandMetrics());
    this.projector = new MetricsEndpoint(context.options().projectorMetrics());
  }

  /** The counters now. */
  PipelineSample sample() {
    return PipelineSampler.sample(relay, projector, System.nanoTime());
  }

  /** Waits until neither counter has moved for a while; returns how long that took. */
  Duration await() {
    return awaitCaughtUp(null);
  }

  /**
   * Waits until the projector has applied at least as many events as the relay published since
   * {@code since} (when given), and then neither counter moves for a while.
   */
  Duration awaitCaughtUp(PipelineSample since) {
    long start = System.nanoTime();
    long giveUp = start + LIMIT.toNanos();
    PipelineSample last = sample();
    long stillSince = System.nanoTime();
    while (!caughtUp(since, last) || System.nanoTime() - stillSince < STILL_FOR.toNanos()) {
      if (System.nanoTime() > giveUp) {
        context
            .out()
            .println(
                "warning: the pipeline did not settle within "
                    + LIMIT.toSeconds()
                    + " s; the next figures include earlier events");
        break;
      }
      LockSupport.parkNanos(PipelineSampler.INTERVAL.toNanos());
      PipelineSample now = sample();
      if (now.published() != last.published() || now.applied() != last.applied()) {
        stillSince = System.nanoTime();
      }
      last = now;
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static boolean caughtUp(PipelineSample since, PipelineSample now) {
    return since == null || now.applied() - since.applied() >= now.published() - since.published();
  }
}
