package io.cqrsshop.projector.application;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.projector.projection.EventProjection;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Projects one fetched batch of events: decodes them, writes all their documents with one bulk
 * request, and acknowledges an event only once every one of its documents is confirmed (written, or
 * already there in this or a newer version).
 *
 * <p>Failures that pass (store unreachable, overloaded) are retried with backoff while the events
 * are kept in progress, so that no other projector takes them meanwhile; if the process is stopping
 * and its grace runs out, the events are handed back unacknowledged. An event that can never be
 * projected (undecodable, self-contradicting) is terminated with an ERROR log and counted.
 */
public final class ProjectingBatch {

  /**
   * How long an event waits before redelivery when the store refused one of its documents for good
   * (a mapping error). Such an event is handed back rather than terminated: the refusal comes from
   * a bug in this deployment, not in the event, and once the fix is deployed the redelivered event
   * goes through with no manual replay. Meanwhile the ERROR log and {@code
   * projector_events_failed_total} alert the operator, and the delay keeps the retries cheap.
   */
  static final Duration REFUSED_REDELIVERY_DELAY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(ProjectingBatch.class);

  private final ReadModelStore store;
  private final ProjectorMetrics metrics;
  private final Backoff backoff;
  private final StopSignal stop;

  public ProjectingBatch(
      ReadModelStore store, ProjectorMetrics metrics, Backoff backoff, StopSignal stop) {
    this.store = store;
    this.metrics = metrics;
    this.backoff = backoff;
    this.stop = stop;
  }

  public void project(List<EventMessage> batch) {
    metrics.batch(batch.size());
    List<Delivery> deliveries = new ArrayList<>();
    batch.forEach(message -> decode(message).ifPresent(deliveries::add));
    if (deliveries.isEmpty()) {
      return;
    }
    if (writeAll(deliveries)) {
      deliveries.forEach(this::settle);
    } else {
      log.warn("stopping: handing {} unwritten events back for redelivery", deliveries.size());
      deliveries.forEach(delivery -> delivery.message().nakWithDelay(Duration.ZERO));
    }
  }

  /** The delivery to write; empty when the message was poison and has been terminated. */
  private Optional<Delivery> decode(EventMessage message) {
    EventEnvelope event;
    try {
      event = EventEnvelope.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      poison(message, "payload is not an EventEnvelope: " + e.getMessage());
      return Optional.empty();
    }
    return switch (EventProjection.project(event)) {
      case Outcome.Success<List<DocumentWrite>> writes ->
          Optional.of(new Delivery(message, event, writes.value()));
      case Outcome.Rejected<List<DocumentWrite>> rejected -> {
        poison(message, describe(rejected.rejection()));
        yield Optional.empty();
      }
    };
  }

  private void poison(EventMessage message, String reason) {
    message.term();
    metrics.poison();
    try (var ignored = MDC.putCloseable("event_id", message.messageId())) {
      log.error("terminated an event that can never be projected: {}", reason);
    }
  }

  /** Returns true when every document was settled, false when given up while stopping. */
  private boolean writeAll(List<Delivery> deliveries) {
    BulkAttempt attempt = new BulkAttempt(store, metrics, deliveries);
    RetryPolicy<Object> retries =
        RetryPolicy.builder()
            .handle(Exception.class)
            .withBackoff(backoff.initial(), backoff.max())
            .withMaxRetries(-1)
            // Gives up while a last attempt still fits in the grace, not after it.
            .abortIf((result, failure) -> failure != null && stop.endsWithin(backoff.max()))
            .onRetry(
                event -> {
                  metrics.retried();
                  log.warn(
                      "writing documents failed (attempt {}), retrying: {}",
                      event.getAttemptCount(),
                      event.getLastException().toString());
                  // Keeps the events ours: their ack wait could otherwise run out mid-retry.
                  deliveries.forEach(delivery -> delivery.message().inProgress());
                })
            .build();
    try {
      Failsafe.with(retries).run(attempt::run);
      return true;
    } catch (RuntimeException givenUp) {
      return false;
    }
  }

  private void settle(Delivery delivery) {
    if (delivery.isRefused()) {
      delivery.message().nakWithDelay(REFUSED_REDELIVERY_DELAY);
      metrics.failed();
      return;
    }
    delivery.message().ack();
    metrics.applied(delivery.occurTime());
  }

  private static String describe(Rejection rejection) {
    if (rejection instanceof Rejection.InvalidInput invalid) {
      return invalid.violations().stream()
          .map(violation -> violation.field() + " " + violation.description())
          .collect(Collectors.joining("; "));
    }
    return rejection.message();
  }
}
