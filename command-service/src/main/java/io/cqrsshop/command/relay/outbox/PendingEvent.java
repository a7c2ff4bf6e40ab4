package io.cqrsshop.command.relay.outbox;

import io.cqrsshop.shared.AggregateType;
import java.time.Instant;
import java.util.UUID;

/** A committed event the relay has not yet seen acknowledged by JetStream. */
public record PendingEvent(
    long position,
    UUID eventId,
    AggregateType aggregateType,
    UUID aggregateId,
    long aggregateVersion,
    String eventName,
    byte[] payload,
    Instant occurredAt) {}
