package io.cqrsshop.projector.infrastructure;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projectors' shared durable pull consumer on the event stream. Every replica creates or
 * updates the same one (each message goes to one of them), then reads back what the server stored,
 * because an older server silently ignores settings it does not know.
 */
public final class JetStreamDurableConsumer {

  /** JetStream's API error code for "stream not found". */
  static final int STREAM_NOT_FOUND = 10059;

  private static final Logger log = LoggerFactory.getLogger(JetStreamDurableConsumer.class);

  private final String stream;
  private final ConsumerConfiguration configuration;

  public JetStreamDurableConsumer(
      String stream, String durable, String filterSubject, Duration ackWait, int batchSize) {
    this(stream, configuration(durable, filterSubject, ackWait, batchSize));
  }

  private JetStreamDurableConsumer(String stream, ConsumerConfiguration configuration) {
    this.stream = stream;
    this.configuration = configuration;
  }

  /**
   * A rebuild's reader of the history: from the first event (or from {@code since}), with room for
   * two batches in flight, since one projector alone reads it.
   */
  public static JetStreamDurableConsumer history(
      String stream,
      String durable,
      String filterSubject,
      Optional<Instant> since,
      Duration ackWait,
      int batchSize) {
    ConsumerConfiguration.Builder builder =
        ConsumerConfiguration.builder()
            .durable(durable)
            .filterSubject(filterSubject)
            .ackPolicy(AckPolicy.Explicit)
            .ackWait(ackWait)
            .maxAckPending(batchSize * 2L);
    since.ifPresentOrElse(
        time ->
            builder.deliverPolicy(DeliverPolicy.ByStartTime).startTime(time.atZone(ZoneOffset.UTC)),
        () -> builder.deliverPolicy(DeliverPolicy.All));
    return new JetStreamDurableConsumer(stream, builder.build());
  }

  static ConsumerConfiguration configuration(
      String durable, String filterSubject, Duration ackWait, int batchSize) {
    return ConsumerConfiguration.builder()
        .durable(durable)
        .filterSubject(filterSubject)
        .deliverPolicy(DeliverPolicy.All)
        .ackPolicy(AckPolicy.Explicit)
        .ackWait(ackWait)
        // Room for a few replicas to each hold a full batch while the next one is fetched.
        .maxAckPending(Math.max(1_000, batchSize * 4L))
        .build();
  }

  public String stream() {
    return stream;
  }

  public String name() {
    return configuration.getDurable();
  }

  public ConsumerContext createOrUpdate(Connection connection)
      throws IOException, JetStreamApiException {
    StreamContext streamContext;
    try {
      streamContext = connection.getStreamContext(stream);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        throw new IOException(
            "stream " + stream + " does not exist yet (command-service creates it); waiting", e);
      }
      throw e;
    }
    ConsumerContext consumer = streamContext.createOrUpdateConsumer(configuration);
    List<String> differences =
        differences(configuration, consumer.getCachedConsumerInfo().getConsumerConfiguration());
    if (!differences.isEmpty()) {
      throw new IllegalStateException(
          "consumer " + name() + " on stream " + stream + " differs from ours: " + differences);
    }
    log.info(
        "consuming {} from stream {} as durable consumer {}",
        configuration.getFilterSubject(),
        stream,
        name());
    return consumer;
  }

  /** The settings this projector relies on that the server did not store as asked. */
  static List<String> differences(ConsumerConfiguration wanted, ConsumerConfiguration stored) {
    List<String> found = new ArrayList<>();
    compare(found, "filter_subject", wanted.getFilterSubject(), stored.getFilterSubject());
    compare(found, "ack_policy", wanted.getAckPolicy(), stored.getAckPolicy());
    compare(found, "deliver_policy", wanted.getDeliverPolicy(), stored.getDeliverPolicy());
    compare(found, "ack_wait", wanted.getAckWait(), stored.getAckWait());
    compare(found, "max_ack_pending", wanted.getMaxAckPending(), stored.getMaxAckPending());
    return found;
  }

  private static void compare(List<String> found, String name, Object wanted, Object stored) {
    if (!Objects.equals(wanted, stored)) {
      found.add(name + " is " + stored + ", wanted " + wanted);
    }
  }
}
