package io.cqrsshop.projector.application;

import com.google.protobuf.InvalidProtocolBufferException;
import io.cqrsshop.projector.projection.AggregateCodes;
import io.cqrsshop.projector.projection.EventProjection;
import io.cqrsshop.projector.projection.Projected;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.readmodel.ReadModelSchemas;
import java.time.Clock;
import java.util.Locale;

/**
 * Decodes a payload and projects it onto the read models in this projector's schemas; what cannot
 * be applied becomes a {@link ParkedEvent}. The live path, rebuilds and replays all read events
 * through it, so they agree on what an event means.
 */
public final class EventInterpreter {

  private final EventProjection projection;
  private final ReadModelSchemas schemas;
  private final Clock clock;

  public EventInterpreter(EventProjection projection, ReadModelSchemas schemas, Clock clock) {
    this.projection = projection;
    this.schemas = schemas;
    this.clock = clock;
  }

  public ReadModelSchemas schemas() {
    return schemas;
  }

  public Interpretation interpret(EventMessage message) {
    return interpret(
        message.messageId(), message.streamSequence(), message.subject(), message.payload());
  }

  public Interpretation interpret(String id, long sequence, String subject, byte[] payload) {
    Delivery delivery = new Delivery(id, sequence, subject, payload);
    EventEnvelope event;
    try {
      event = EventEnvelope.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      return park(
          delivery,
          EventEnvelope.getDefaultInstance(),
          ParkReason.UNDECODABLE,
          "payload is not an EventEnvelope: " + e.getMessage());
    }
    return switch (projection.project(event)) {
      case Projected.Documents documents ->
          new Interpretation.Apply(
              event,
              documents.writes().stream()
                  .filter(write -> schemas.contains(write.model()))
                  .toList());
      case Projected.UnknownKind unknown ->
          park(
              delivery,
              event,
              ParkReason.UNKNOWN_EVENT_KIND,
              "this projector does not know events of kind " + unknown.kind());
      case Projected.Invalid invalid ->
          park(delivery, event, ParkReason.INVALID_EVENT, invalid.reason());
    };
  }

  /** The parked form of an event whose documents the store refused. */
  public ParkedEvent refused(EventMessage message, EventEnvelope event, String detail) {
    return parked(
        new Delivery(
            message.messageId(), message.streamSequence(), message.subject(), message.payload()),
        event,
        ParkReason.REFUSED_BY_STORE,
        detail);
  }

  /** Where a message came from and what it carried, as a parked event keeps it. */
  private record Delivery(String id, long sequence, String subject, byte[] payload) {}

  private Interpretation park(
      Delivery delivery, EventEnvelope event, ParkReason reason, String detail) {
    return new Interpretation.Park(parked(delivery, event, reason, detail));
  }

  private ParkedEvent parked(
      Delivery delivery, EventEnvelope event, ParkReason reason, String detail) {
    String eventType =
        event.getEventCase() == EventEnvelope.EventCase.EVENT_NOT_SET
            ? ""
            : event.getEventCase().name().toLowerCase(Locale.ROOT);
    return new ParkedEvent(
        event.getEventId().isEmpty() ? delivery.id() : event.getEventId(),
        delivery.sequence(),
        delivery.subject(),
        AggregateCodes.code(event.getAggregateType()),
        event.getAggregateId(),
        event.getAggregateVersion(),
        eventType,
        reason,
        detail,
        clock.instant(),
        1,
        delivery.payload());
  }
}
