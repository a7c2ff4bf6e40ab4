package io.cqrsshop.projector.application;

import java.time.Instant;
import java.util.Objects;

/**
 * An event that could not be applied, kept whole with why and where it came from, so that an
 * operator can inspect it and replay it after a fix. Keyed by {@code id}: the event id, or the
 * message's stand-in when the event could not even be read.
 *
 * @param aggregateType the aggregate's wire name, empty when the payload could not be read
 * @param attempts how often the event was tried: 1 when parked, +1 per replay that failed again
 */
public record ParkedEvent(
    String id,
    long streamSequence,
    String subject,
    String aggregateType,
    String aggregateId,
    long aggregateVersion,
    String eventType,
    ParkReason reason,
    String detail,
    Instant parkedAt,
    int attempts,
    byte[] payload) {

  /** What is kept of a detail: enough to diagnose, never a whole document. */
  static final int MAX_DETAIL = 2_000;

  public ParkedEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
  }

  /** The same event after one more attempt that failed with {@code reason}. */
  public ParkedEvent triedAgain(ParkReason newReason, String newDetail, Instant at) {
    return new ParkedEvent(
        id,
        streamSequence,
        subject,
        aggregateType,
        aggregateId,
        aggregateVersion,
        eventType,
        newReason,
        newDetail,
        at,
        attempts + 1,
        payload);
  }
}
