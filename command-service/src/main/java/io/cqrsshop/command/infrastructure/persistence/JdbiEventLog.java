package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.EventLog;
import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.infrastructure.events.EventEnvelopes;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Appends events to the {@code events} table in the command's transaction; the serialized envelope
 * stored here is exactly what the relay later publishes.
 */
final class JdbiEventLog implements EventLog {

  private final Handle handle;

  JdbiEventLog(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void append(List<? extends DomainEvent> events, CommandContext cause) {
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_version,"
                + " event_type, payload, occurred_at, request_id) VALUES (:event_id,"
                + " :aggregate_type, :aggregate_id, :aggregate_version, :event_type, :payload,"
                + " :occurred_at, :request_id)");
    for (DomainEvent event : events) {
      UUID eventId = UUID.randomUUID();
      batch
          .bind("event_id", eventId)
          .bind("aggregate_type", event.aggregate().type().code())
          .bind("aggregate_id", event.aggregate().id())
          .bind("aggregate_version", event.aggregate().version())
          .bind("event_type", event.name())
          .bind("payload", EventEnvelopes.envelope(event, eventId, cause).toByteArray())
          .bind("occurred_at", event.occurredAt())
          .bind("request_id", cause.requestId().value())
          .add();
    }
    batch.execute();
  }
}
