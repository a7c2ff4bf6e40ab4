package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.projector.application.EventMessage;
import io.cqrsshop.projector.application.EventSource;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches batches from the durable consumer. A fetch returns at once with what is there, or waits
 * up to a second for the first message: a plain fetch would wait out its whole expiry whenever
 * fewer messages than the batch size are pending. Used by one thread.
 */
public final class JetStreamEventSource implements EventSource {

  /** The shortest expiry the client accepts; short so that a stop request is noticed soon. */
  private static final long FETCH_WAIT_MILLIS = 1_000;

  private final NatsConnector nats;
  private final JetStreamDurableConsumer durable;
  private ConsumerContext consumer;

  public JetStreamEventSource(NatsConnector nats, JetStreamDurableConsumer durable) {
    this.nats = nats;
    this.durable = durable;
  }

  @Override
  public List<EventMessage> fetch(int max) throws Exception {
    try {
      Connection connection = nats.connected();
      if (consumer == null) {
        consumer = durable.createOrUpdate(connection);
      }
      FetchConsumeOptions options =
          FetchConsumeOptions.builder().maxMessages(max).noWaitExpiresIn(FETCH_WAIT_MILLIS).build();
      List<EventMessage> messages = new ArrayList<>();
      try (FetchConsumer fetch = consumer.fetch(options)) {
        for (Message message = fetch.nextMessage();
            message != null;
            message = fetch.nextMessage()) {
          messages.add(new JetStreamEventMessage(message));
        }
      }
      return messages;
    } catch (Exception e) {
      // Set the consumer up again next time: the server may have lost it (restart without data).
      consumer = null;
      throw e;
    }
  }
}
