package io.cqrsshop.projector.application;

import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A decoded event, the documents it determines, and whether the store refused one for good. */
final class Delivery {

  private static final Logger log = LoggerFactory.getLogger(Delivery.class);

  private final EventMessage message;
  private final EventEnvelope event;
  private final List<DocumentWrite> writes;
  private boolean refused;

  Delivery(EventMessage message, EventEnvelope event, List<DocumentWrite> writes) {
    this.message = message;
    this.event = event;
    this.writes = List.copyOf(writes);
  }

  EventMessage message() {
    return message;
  }

  List<DocumentWrite> writes() {
    return writes;
  }

  boolean isRefused() {
    return refused;
  }

  Optional<Instant> occurTime() {
    return event.hasOccurTime()
        ? Optional.of(
            Instant.ofEpochSecond(
                event.getOccurTime().getSeconds(), event.getOccurTime().getNanos()))
        : Optional.empty();
  }

  void refuse(DocumentWrite write, String detail) {
    refused = true;
    try (var ignored = MDC.putCloseable("event_id", event.getEventId())) {
      log.error(
          "the store refused {} for good ({}); the event will be redelivered in {}",
          write,
          detail,
          ProjectingBatch.REFUSED_REDELIVERY_DELAY);
    }
  }
}
