package io.cqrsshop.projector.application;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Projects one fetched batch of events onto one live index: decodes them, writes the documents of
 * the index's read model with one bulk request, and acknowledges an event only once every one of
 * those documents is confirmed (written, already there in this or a newer version, or for an index
 * that was deleted meanwhile, whose replacement a rebuild fills from the whole history).
 *
 * <p>No event is ever dropped: one that cannot be applied (undecodable, self-contradicting, of a
 * kind this projector does not know, or refused by the store for good) is parked, and acknowledged
 * only once it is. Later events of the same aggregate keep flowing: they carry the aggregate's full
 * state, so its documents stay current, and only the history misses the parked event until it is
 * replayed.
 *
 * <p>Failures that pass (store unreachable, overloaded) are retried with backoff while the events
 * are kept in progress, so that no other projector takes them meanwhile; if the process is stopping
 * and its grace runs out, the events are handed back unacknowledged.
 *
 * <p>Events sent with a trace context continue their command's trace (see {@link BatchTrace}).
 * After each batch, the documents it wrote are announced to live queries ({@link
 * ChangeAnnouncements}).
 */
public final class ProjectingBatch {

  private static final Logger log = LoggerFactory.getLogger(ProjectingBatch.class);

  private final EventInterpreter interpreter;
  private final ReadModelStore store;
  private final ParkedEvents parked;
  private final ProjectorMetrics metrics;
  private final Backoff backoff;
  private final StopSignal stop;
  private final Tracer tracer;
  private final ChangeAnnouncements announcements;

  public ProjectingBatch(
      EventInterpreter interpreter,
      ReadModelStore store,
      ParkedEvents parked,
      ProjectorMetrics metrics,
      Backoff backoff,
      StopSignal stop,
      Tracer tracer,
      ChangeAnnouncements announcements) {
    this.interpreter = interpreter;
    this.store = store;
    this.parked = parked;
    this.metrics = metrics;
    this.backoff = backoff;
    this.stop = stop;
    this.tracer = tracer;
    this.announcements = announcements;
  }

  /** Projects the batch, which came from the consumer of {@code target}, onto it. */
  public void project(PhysicalIndex target, List<EventMessage> batch) {
    try (BatchTrace trace = BatchTrace.start(tracer, batch);
        Scope ignored = trace.makeCurrent()) {
      project(target, batch, trace);
    }
  }

  private void project(PhysicalIndex target, List<EventMessage> batch, BatchTrace trace) {
    metrics.batch(batch.size());
    List<Delivery> deliveries = new ArrayList<>();
    List<Parking> parkings = new ArrayList<>();
    for (EventMessage message : batch) {
      switch (interpreter.interpret(message)) {
        case Interpretation.Apply apply ->
            deliveries.add(
                new Delivery(
                    message,
                    apply.event(),
                    apply.writes().stream()
                        .filter(write -> write.model() == target.model())
                        .toList()));
        case Interpretation.Park park -> parkings.add(new Parking(message, park.event()));
      }
    }
    List<EventMessage> inFlight = new ArrayList<>();
    deliveries.forEach(delivery -> inFlight.add(delivery.message()));
    parkings.forEach(parking -> inFlight.add(parking.message()));

    BulkAttempt attempt =
        new BulkAttempt(writes -> store.write(target.name(), writes), metrics, deliveries);
    if (!persistently("writing documents", attempt::run, inFlight)) {
      handBack(inFlight, trace);
      return;
    }
    for (Delivery delivery : deliveries) {
      if (delivery.isRefused()) {
        parkings.add(
            new Parking(
                delivery.message(),
                interpreter.refused(delivery.message(), delivery.event(), delivery.refusal())));
      }
    }
    if (!parkings.isEmpty()
        && !persistently(
            "parking events",
            () -> parked.park(parkings.stream().map(Parking::event).toList()),
            inFlight)) {
      handBack(inFlight, trace);
      return;
    }
    for (Delivery delivery : deliveries) {
      if (!delivery.isRefused()) {
        acknowledge(target, delivery);
        trace.outcome(delivery.message(), "applied");
      }
    }
    for (Parking parking : parkings) {
      acknowledge(parking);
      trace.outcome(parking.message(), "parked");
    }
    announcements.announce(
        target,
        deliveries.stream()
            .filter(delivery -> !delivery.isRefused())
            .flatMap(delivery -> delivery.writes().stream())
            .toList());
  }

  private void acknowledge(PhysicalIndex target, Delivery delivery) {
    delivery.message().ack();
    metrics.applied(target.model(), delivery.occurTime());
  }

  private void acknowledge(Parking parking) {
    parking.message().ack();
    metrics.parked(parking.event().reason());
    try (var ignored = MDC.putCloseable("event_id", parking.event().id())) {
      if (parking.event().reason() == ParkReason.UNKNOWN_EVENT_KIND) {
        log.warn(
            "parked an event of a kind this projector does not know ({}); a newer projector will"
                + " apply it",
            parking.event().detail());
      } else {
        log.error(
            "parked an event that cannot be applied ({}: {}); replay it after a fix",
            parking.event().reason(),
            parking.event().detail());
      }
    }
  }

  private void handBack(List<EventMessage> messages, BatchTrace trace) {
    log.warn("stopping: handing {} unfinished events back for redelivery", messages.size());
    messages.forEach(
        message -> {
          message.nakWithDelay(Duration.ZERO);
          trace.outcome(message, "handed_back");
        });
  }

  /** Runs the step until it succeeds; false when given up because the process is stopping. */
  private boolean persistently(String what, CheckedRunnable step, List<EventMessage> inFlight) {
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
                      "{} failed (attempt {}), retrying: {}",
                      what,
                      event.getAttemptCount(),
                      event.getLastException().toString());
                  // Keeps the events ours: their ack wait could otherwise run out mid-retry.
                  inFlight.forEach(EventMessage::inProgress);
                })
            .build();
    try {
      Failsafe.with(retries).run(step);
      return true;
    } catch (RuntimeException givenUp) {
      return false;
    }
  }

  private record Parking(EventMessage message, ParkedEvent event) {}
}
