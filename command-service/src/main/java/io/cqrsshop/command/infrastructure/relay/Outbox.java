package io.cqrsshop.command.infrastructure.relay;

import io.cqrsshop.shared.AggregateType;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The relay's view of the {@code events} table.
 *
 * <p>It deliberately has no high-water mark: positions come from a sequence at insert time, so
 * concurrent transactions commit them out of order, and "position greater than the last one
 * published" would skip an event whose transaction committed late. Instead it reads the oldest rows
 * not yet marked published. Within one aggregate position order is version order, because a command
 * holds the aggregate's row lock until its events are committed.
 */
final class Outbox {

  private Outbox() {}

  /** Up to {@code limit} unpublished events, oldest first. */
  static List<PendingEvent> next(Handle session, int limit) {
    return session
        .createQuery(
            "SELECT position, event_id, aggregate_type, aggregate_id, aggregate_version,"
                + " event_type, payload, occurred_at FROM events WHERE published_at IS NULL"
                + " ORDER BY position LIMIT :limit")
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new PendingEvent(
                    rs.getLong("position"),
                    rs.getObject("event_id", java.util.UUID.class),
                    AggregateType.fromCode(rs.getString("aggregate_type")).orElseThrow(),
                    rs.getObject("aggregate_id", java.util.UUID.class),
                    rs.getLong("aggregate_version"),
                    rs.getString("event_type"),
                    rs.getBytes("payload"),
                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Marks events published; call only for events JetStream acknowledged. */
  static void markPublished(Handle session, List<PendingEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    session
        .createUpdate(
            "UPDATE events SET published_at = now() WHERE position IN (<positions>)"
                + " AND published_at IS NULL")
        .bindList("positions", events.stream().map(PendingEvent::position).toList())
        .execute();
  }

  /** How many events wait to be published. */
  static long backlog(Jdbi jdbi) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT count(*) FROM events WHERE published_at IS NULL")
                .mapTo(Long.class)
                .one());
  }
}
