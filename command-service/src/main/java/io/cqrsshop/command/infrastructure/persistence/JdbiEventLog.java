package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.EventLog;
import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.infrastructure.events.EventEnvelopes;
import io.cqrsshop.runtime.tracing.TraceParent;
import java.util.List;
import java.util.UUID;

/**
 * Appends events to the {@code events} table in the command's transaction, held back with its state
 * changes and sent with them and the commit (see {@link DeferredWrites}); the serialized envelope
 * stored here is exactly what the relay later publishes, with the command's trace context beside it
 * (see {@link TraceParent}).
 */
final class JdbiEventLog implements EventLog {

  private final DeferredWrites deferred;

  JdbiEventLog(DeferredWrites deferred) {
    this.deferred = deferred;
  }

  @Override
  public void append(List<? extends DomainEvent> events, CommandContext cause) {
    String traceParent = TraceParent.current();
    for (DomainEvent event : events) {
      UUID eventId = UUID.randomUUID();
      deferred
          .expectOne(
              "INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_version,"
                  + " event_type, payload, occurred_at, request_id, trace_parent) VALUES"
                  + " (:event_id, :aggregate_type, :aggregate_id, :aggregate_version, :event_type,"
                  + " :payload, :occurred_at, :request_id, :trace_parent)",
              "event insert")
          .bind("event_id", eventId)
          .bind("aggregate_type", event.aggregate().type().code())
          .bind("aggregate_id", event.aggregate().id())
          .bind("aggregate_version", event.aggregate().version())
          .bind("event_type", event.name())
          .bind("payload", EventEnvelopes.envelope(event, eventId, cause).toByteArray())
          .bind("occurred_at", event.occurredAt())
          .bind("request_id", cause.requestId().value())
          .bind("trace_parent", traceParent.isEmpty() ? null : traceParent);
    }
  }
}
