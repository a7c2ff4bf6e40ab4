package io.cqrsshop.projector.application;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import dev.failsafe.function.CheckedSupplier;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projector's main loop: look at the read models (which to write, which to leave to a newer
 * projector), then fetch a batch and project it, until told to stop. A dependency that is down (the
 * stream not created yet, NATS or Elasticsearch unreachable) is waited for with backoff and a log
 * line per attempt, never a crash.
 */
public final class ProjectionLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ProjectionLoop.class);

  private final EventSource source;
  private final CheckedRunnable prepare;
  private final ProjectingBatch projecting;
  private final int batchSize;
  private final Backoff backoff;
  private final StopSignal stop;

  public ProjectionLoop(
      EventSource source,
      CheckedRunnable prepare,
      ProjectingBatch projecting,
      int batchSize,
      Backoff backoff,
      StopSignal stop) {
    this.source = source;
    this.prepare = prepare;
    this.projecting = projecting;
    this.batchSize = batchSize;
    this.backoff = backoff;
    this.stop = stop;
  }

  @Override
  public void run() {
    try {
      retrying(
          "look at the read-model indices",
          () -> {
            prepare.run();
            return true;
          });
      log.info("read-model indices checked; projecting events");
      while (!stop.isStopping()) {
        List<EventMessage> batch = retrying("fetch events", () -> source.fetch(batchSize));
        projectSafely(batch);
      }
    } catch (RuntimeException stoppedWhileWaiting) {
      if (!stop.isStopping()) {
        throw stoppedWhileWaiting;
      }
    } finally {
      source.close();
    }
    log.info("projection loop stopped");
  }

  private void projectSafely(List<EventMessage> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      projecting.project(batch);
    } catch (RuntimeException e) {
      // A bug must not end the loop: the batch's unacknowledged events come back after ack wait.
      log.error("projecting a batch of {} events failed unexpectedly", batch.size(), e);
    }
  }

  private <T> T retrying(String what, CheckedSupplier<T> step) {
    RetryPolicy<T> policy =
        RetryPolicy.<T>builder()
            .handle(Exception.class)
            .withBackoff(backoff.initial(), backoff.max())
            .withMaxRetries(-1)
            .abortIf((result, failure) -> failure != null && stop.isStopping())
            .onRetry(
                event ->
                    log.warn(
                        "cannot {} (attempt {}), retrying: {}",
                        what,
                        event.getAttemptCount(),
                        event.getLastException().toString()))
            .build();
    return Failsafe.with(policy).get(step);
  }
}
