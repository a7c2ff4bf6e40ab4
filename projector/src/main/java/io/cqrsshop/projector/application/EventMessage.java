package io.cqrsshop.projector.application;

import java.time.Duration;

/**
 * One delivered event whose fate the projector decides: acknowledged once its documents are
 * written, handed back for redelivery, or terminated when it can never be projected.
 */
public interface EventMessage {

  /** The publisher's deduplication id (the event id), or empty when the message has none. */
  String messageId();

  byte[] payload();

  /** Done: the broker will not deliver it again. */
  void ack();

  /** Not done: deliver it again after {@code delay} (zero for at once). */
  void nakWithDelay(Duration delay);

  /** Never deliverable: the broker drops it. */
  void term();

  /** Still working on it: postpones redelivery by another ack wait. */
  void inProgress();
}
