package io.cqrsshop.projector.application;

import java.time.Duration;

/**
 * One delivered event whose fate the projector decides: acknowledged once its documents are written
 * (or once it is parked), or handed back for redelivery.
 */
public interface EventMessage {

  /** The publisher's deduplication id (the event id), or a stand-in when the message has none. */
  String messageId();

  /** Its position in the stream, 0 when unknown. */
  long streamSequence();

  /** The subject it was published on. */
  String subject();

  byte[] payload();

  /** The W3C {@code traceparent} the relay sent with it, "" when it sent none. */
  default String traceParent() {
    return "";
  }

  /** Done: the broker will not deliver it again. */
  void ack();

  /** Not done: deliver it again after {@code delay} (zero for at once). */
  void nakWithDelay(Duration delay);

  /** Still working on it: postpones redelivery by another ack wait. */
  void inProgress();
}
