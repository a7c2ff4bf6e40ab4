package io.cqrsshop.command.relay.outbox;

import io.cqrsshop.shared.AggregateType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What an operator does with the events the relay set aside because it could never publish them:
 * list them, and put one or all back for another try once the cause is fixed (a larger NATS
 * max_payload or stream max_msg_size, for example). An event put back is published in order, and
 * the events of its aggregate that waited behind it follow.
 */
public final class SetAsideEvents {

  private final Jdbi jdbi;

  public SetAsideEvents(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** An event set aside, and how many later events of its aggregate wait behind it. */
  public record SetAsideEvent(
      UUID eventId,
      long position,
      AggregateType aggregateType,
      UUID aggregateId,
      long aggregateVersion,
      String eventType,
      int payloadBytes,
      Instant setAsideAt,
      String reason,
      long waitingBehind) {}

  /** Every event set aside, oldest first. */
  public List<SetAsideEvent> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT s.event_id, s.position, s.aggregate_type, s.aggregate_id,"
                        + " s.aggregate_version, s.event_type, octet_length(s.payload) AS bytes,"
                        + " s.set_aside_at, s.set_aside_reason,"
                        + " (SELECT count(*) FROM events w WHERE w.published_at IS NULL"
                        + " AND w.aggregate_type = s.aggregate_type"
                        + " AND w.aggregate_id = s.aggregate_id AND w.position > s.position)"
                        + " AS waiting FROM events s WHERE s.set_aside_at IS NOT NULL"
                        + " ORDER BY s.position")
                .map(
                    (rs, ctx) ->
                        new SetAsideEvent(
                            rs.getObject("event_id", UUID.class),
                            rs.getLong("position"),
                            AggregateType.fromCode(rs.getString("aggregate_type")).orElseThrow(),
                            rs.getObject("aggregate_id", UUID.class),
                            rs.getLong("aggregate_version"),
                            rs.getString("event_type"),
                            rs.getInt("bytes"),
                            rs.getObject("set_aside_at", OffsetDateTime.class).toInstant(),
                            rs.getString("set_aside_reason"),
                            rs.getLong("waiting")))
                .list());
  }

  /** Puts one event back for the relay to try again; false when it was not set aside. */
  public boolean retry(UUID eventId) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE events SET set_aside_at = NULL, set_aside_reason = NULL"
                            + " WHERE event_id = :id AND set_aside_at IS NOT NULL")
                    .bind("id", eventId)
                    .execute())
        == 1;
  }

  /** Puts every set-aside event back; returns how many. */
  public int retryAll() {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE events SET set_aside_at = NULL, set_aside_reason = NULL"
                        + " WHERE set_aside_at IS NOT NULL")
                .execute());
  }
}
