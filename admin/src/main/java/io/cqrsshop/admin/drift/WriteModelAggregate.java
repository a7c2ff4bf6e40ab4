package io.cqrsshop.admin.drift;

/**
 * An aggregate as the write model holds it: its version in its table, and its latest event, which
 * carries its whole state at that version.
 */
record WriteModelAggregate(String id, long version, String latestEventId, byte[] latestEvent) {}
