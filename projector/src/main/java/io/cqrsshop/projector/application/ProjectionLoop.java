package io.cqrsshop.projector.application;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.cqrsshop.readmodel.PhysicalIndex;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The live projection of one index: fetch a batch from the index's consumer and project it, until
 * the process stops or the index is retired. A dependency that is down (the stream not created yet,
 * NATS or Elasticsearch unreachable) is waited for with backoff and a log line per attempt, never a
 * crash.
 */
public final class ProjectionLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ProjectionLoop.class);

  private final PhysicalIndex target;
  private final EventSource source;
  private final ProjectingBatch projecting;
  private final int batchSize;
  private final Backoff backoff;
  private final StopSignal stop;
  private volatile boolean retired;

  public ProjectionLoop(
      PhysicalIndex target,
      EventSource source,
      ProjectingBatch projecting,
      int batchSize,
      Backoff backoff,
      StopSignal stop) {
    this.target = target;
    this.source = source;
    this.projecting = projecting;
    this.batchSize = batchSize;
    this.backoff = backoff;
    this.stop = stop;
  }

  /** Lets the loop finish its batch and end: its index is no longer live. */
  public void retire() {
    retired = true;
  }

  private boolean ending() {
    return retired || stop.isStopping();
  }

  @Override
  public void run() {
    try (var ignored = MDC.putCloseable("read_model", target.model().baseName())) {
      log.info("projecting events into {}", target.name());
      while (!ending()) {
        List<EventMessage> batch = retrying("fetch events", () -> source.fetch(batchSize));
        projectSafely(batch);
      }
    } catch (RuntimeException stoppedWhileWaiting) {
      if (!ending()) {
        throw stoppedWhileWaiting;
      }
    } finally {
      source.close();
    }
    log.info("stopped projecting events into {}", target.name());
  }

  private void projectSafely(List<EventMessage> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      projecting.project(target, batch);
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
            .abortIf((result, failure) -> failure != null && ending())
            .onRetry(
                event ->
                    log.warn(
                        "{}: cannot {} (attempt {}), retrying: {}",
                        target.name(),
                        what,
                        event.getAttemptCount(),
                        event.getLastException().toString()))
            .build();
    return Failsafe.with(policy).get(step);
  }
}
