package io.cqrsshop.command.relay.outbox;

import io.cqrsshop.shared.AggregateType;
import java.time.Instant;
import java.util.UUID;

/**
 * A committed event the relay has not yet seen acknowledged by JetStream, with the W3C traceparent
 * of the command that wrote it ("" when that was not traced).
 */
public record PendingEvent(
    long position,
    UUID eventId,
    AggregateType aggregateType,
    UUID aggregateId,
    long aggregateVersion,
    String eventName,
    byte[] payload,
    Instant occurredAt,
    String traceParent) {}
