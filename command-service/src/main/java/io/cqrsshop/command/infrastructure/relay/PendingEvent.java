package io.cqrsshop.command.infrastructure.relay;

import io.cqrsshop.shared.AggregateType;
import java.time.Instant;
import java.util.UUID;

/** A committed event the relay has not yet seen acknowledged by JetStream. */
record PendingEvent(
    long position,
    UUID eventId,
    AggregateType aggregateType,
    UUID aggregateId,
    long aggregateVersion,
    String eventName,
    byte[] payload,
    Instant occurredAt) {}
