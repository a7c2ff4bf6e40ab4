package io.cqrsshop.command.relay.outbox;

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
 *
 * <p>An event set aside because it can never be published is skipped, and so are the later events
 * of its aggregate: they wait behind it, so that each aggregate's events still go out in version
 * order once an operator puts it back.
 */
public final class Outbox {

  private Outbox() {}

  /** Up to {@code limit} unpublished events, oldest first. */
  public static List<PendingEvent> next(Handle session, int limit) {
    return session
        .createQuery(
            "SELECT position, event_id, aggregate_type, aggregate_id, aggregate_version,"
                + " event_type, payload, occurred_at FROM events e WHERE published_at IS NULL"
                + " AND set_aside_at IS NULL AND NOT EXISTS (SELECT 1 FROM events s"
                + " WHERE s.set_aside_at IS NOT NULL AND s.aggregate_type = e.aggregate_type"
                + " AND s.aggregate_id = e.aggregate_id)"
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
  public static void markPublished(Handle session, List<PendingEvent> events) {
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

  /** Sets an event aside that can never be published, with the reason; its aggregate waits. */
  public static void setAside(Handle session, PendingEvent event, String reason) {
    session
        .createUpdate(
            "UPDATE events SET set_aside_at = now(), set_aside_reason = :reason"
                + " WHERE position = :position AND published_at IS NULL")
        .bind("reason", reason)
        .bind("position", event.position())
        .execute();
  }

  /** How many events are set aside, waiting for an operator. */
  public static long setAside(Jdbi jdbi) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT count(*) FROM events WHERE set_aside_at IS NOT NULL")
                .mapTo(Long.class)
                .one());
  }

  /** How many events wait to be published (set-aside ones and those behind them included). */
  public static long backlog(Jdbi jdbi) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT count(*) FROM events WHERE published_at IS NULL")
                .mapTo(Long.class)
                .one());
  }
}
