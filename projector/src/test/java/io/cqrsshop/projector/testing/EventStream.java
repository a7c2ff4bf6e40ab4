package io.cqrsshop.projector.testing;

import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.EventSubjects;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.util.Locale;

/**
 * The event stream as command-service publishes it: stream {@value #STREAM}, subjects {@code
 * shop.events.<aggregate>.<event>}, message id = event id so that JetStream drops duplicates.
 */
public final class EventStream implements AutoCloseable {

  public static final String STREAM = EventSubjects.DEFAULT_STREAM;
  public static final String PREFIX = EventSubjects.DEFAULT_PREFIX;

  private final Connection connection;
  private final JetStream jetStream;
  private final JetStreamManagement management;

  private EventStream(Connection connection) throws Exception {
    this.connection = connection;
    this.jetStream = connection.jetStream();
    this.management = connection.jetStreamManagement();
  }

  /** Connects to NATS without creating the stream. */
  public static EventStream connect(String natsUrl) {
    try {
      return new EventStream(Nats.connect(natsUrl));
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to " + natsUrl, e);
    }
  }

  /** Connects and creates the stream, as command-service does at start-up. */
  public static EventStream create(String natsUrl) {
    EventStream stream = connect(natsUrl);
    stream.createStream();
    return stream;
  }

  /** Creates the stream with a limit that lets it drop its oldest messages, as operators may. */
  public static EventStream createWithMaxMessages(String natsUrl, long maxMessages) {
    EventStream stream = connect(natsUrl);
    try {
      stream.management.addStream(
          StreamConfiguration.builder()
              .name(STREAM)
              .subjects(EventSubjects.all(PREFIX))
              .storageType(StorageType.File)
              .maxMessages(maxMessages)
              .build());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create stream " + STREAM, e);
    }
    return stream;
  }

  public void createStream() {
    try {
      management.addStream(
          StreamConfiguration.builder()
              .name(STREAM)
              .subjects(EventSubjects.all(PREFIX))
              .storageType(StorageType.File)
              .build());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create stream " + STREAM, e);
    }
  }

  /** Publishes an event; returns its sequence number in the stream. */
  public long publish(EventEnvelope event) {
    AggregateType type =
        switch (event.getAggregateType()) {
          case AGGREGATE_TYPE_PRODUCT -> AggregateType.PRODUCT;
          case AGGREGATE_TYPE_USER -> AggregateType.USER;
          case AGGREGATE_TYPE_ORDER -> AggregateType.ORDER;
          default -> throw new IllegalArgumentException("no aggregate type in " + event);
        };
    String name = event.getEventCase().name().toLowerCase(Locale.ROOT);
    return publish(
        EventSubjects.subject(PREFIX, type, name), event.getEventId(), event.toByteArray());
  }

  /** Publishes any payload, as a buggy or hostile publisher could. */
  public long publish(String subject, String messageId, byte[] payload) {
    try {
      return jetStream
          .publish(
              NatsMessage.builder().subject(subject).headers(new Headers()).data(payload).build(),
              PublishOptions.builder().messageId(messageId).build())
          .getSeqno();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish to " + subject, e);
    }
  }

  public ConsumerInfo consumer(String name) {
    try {
      return management.getConsumerInfo(STREAM, name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read consumer " + name, e);
    }
  }

  /** Every consumer of the stream. */
  public java.util.List<ConsumerInfo> consumers() {
    try {
      return management.getConsumers(STREAM);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list the consumers", e);
    }
  }

  /** The position of the newest event in the stream. */
  public long lastSequence() {
    try {
      return management.getStreamInfo(STREAM).getStreamState().getLastSequence();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the stream", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    connection.close();
  }
}
