package io.cqrsshop.projector.application.rebuild;

/**
 * A stored value with the sequence number and primary term it was read at, so that a change can be
 * made only if nobody changed it since (compare and set).
 */
public record Versioned<T>(T value, long seqNo, long primaryTerm) {}
