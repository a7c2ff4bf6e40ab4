package io.cqrsshop.projector.application;

import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A decoded event, the documents it determines, and whether the store refused one for good. */
public final class Delivery {

  private final EventMessage message;
  private final EventEnvelope event;
  private final List<DocumentWrite> writes;
  private String refusal;

  public Delivery(EventMessage message, EventEnvelope event, List<DocumentWrite> writes) {
    this.message = message;
    this.event = event;
    this.writes = List.copyOf(writes);
  }

  public EventMessage message() {
    return message;
  }

  EventEnvelope event() {
    return event;
  }

  public List<DocumentWrite> writes() {
    return writes;
  }

  public boolean isRefused() {
    return refusal != null;
  }

  /** Why the store refused one of the documents; empty unless {@link #isRefused()}. */
  public String refusal() {
    return refusal == null ? "" : refusal;
  }

  Optional<Instant> occurTime() {
    return event.hasOccurTime()
        ? Optional.of(
            Instant.ofEpochSecond(
                event.getOccurTime().getSeconds(), event.getOccurTime().getNanos()))
        : Optional.empty();
  }

  void refuse(DocumentWrite write, String detail) {
    if (refusal == null) {
      refusal = write + ": " + detail;
    }
  }
}
