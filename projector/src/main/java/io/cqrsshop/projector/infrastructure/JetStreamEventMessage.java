package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.projector.application.EventMessage;
import io.cqrsshop.runtime.tracing.TraceParent;
import io.nats.client.Message;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JetStream message as an {@link EventMessage}. A reply that cannot be sent (the connection is
 * gone) is only logged: the server then redelivers the message after its ack wait, which versioned
 * writes make harmless.
 */
final class JetStreamEventMessage implements EventMessage {

  private static final Logger log = LoggerFactory.getLogger(JetStreamEventMessage.class);
  private static final String MESSAGE_ID_HEADER = "Nats-Msg-Id";

  private final Message message;

  JetStreamEventMessage(Message message) {
    this.message = message;
  }

  /** The event id from the header; the stream sequence when a publisher left the header out. */
  @Override
  public String messageId() {
    String id = message.hasHeaders() ? message.getHeaders().getFirst(MESSAGE_ID_HEADER) : null;
    if (id != null) {
      return id;
    }
    return message.isJetStream() ? "stream-seq-" + message.metaData().streamSequence() : "";
  }

  @Override
  public long streamSequence() {
    return message.isJetStream() ? message.metaData().streamSequence() : 0;
  }

  @Override
  public String subject() {
    return message.getSubject();
  }

  @Override
  public byte[] payload() {
    return message.getData() == null ? new byte[0] : message.getData();
  }

  @Override
  public String traceParent() {
    String traceParent =
        message.hasHeaders() ? message.getHeaders().getFirst(TraceParent.HEADER) : null;
    return traceParent == null ? "" : traceParent;
  }

  @Override
  public void ack() {
    reply("ack", message::ack);
  }

  @Override
  public void nakWithDelay(Duration delay) {
    reply("nak", () -> message.nakWithDelay(delay));
  }

  @Override
  public void inProgress() {
    reply("in-progress", message::inProgress);
  }

  private void reply(String kind, Runnable send) {
    try {
      send.run();
    } catch (RuntimeException e) {
      log.warn("cannot send {} for message {}: {}", kind, messageId(), e.toString());
    }
  }
}
