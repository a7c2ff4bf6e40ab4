package io.cqrsshop.bench;

/**
 * An event as command-service's event log holds it: the payload is exactly what the relay
 * publishes, under the subject {@code <prefix>.<aggregateType>.<eventType>}.
 */
record LoggedEvent(
    String eventId,
    String aggregateType,
    String aggregateId,
    long aggregateVersion,
    String eventType,
    byte[] payload) {}
