package io.cqrsshop.projector.infrastructure;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
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
 * The durable pull consumer of one physical read-model index on the event stream: the rebuild that
 * fills the index creates it at the start of the history, and after the swap every replica of the
 * index's version shares it (each message goes to one of them). Whoever comes first creates it;
 * everyone else binds to it as it is, because a consumer's start cannot change once it exists. What
 * the server stored is read back, because an older server silently ignores settings it does not
 * know.
 */
public final class JetStreamDurableConsumer {

  /** JetStream's API error code for "stream not found". */
  static final int STREAM_NOT_FOUND = 10059;

  /** JetStream's API error code for "consumer not found". */
  static final int CONSUMER_NOT_FOUND = 10014;

  private static final Logger log = LoggerFactory.getLogger(JetStreamDurableConsumer.class);

  private final String stream;
  private final ConsumerConfiguration configuration;

  JetStreamDurableConsumer(String stream, ConsumerConfiguration configuration) {
    this.stream = stream;
    this.configuration = configuration;
  }

  /**
   * A consumer from the first event (or from {@code since}) of the subjects in {@code filter}, with
   * explicit acknowledgements and room for {@code maxAckPending} events in flight.
   */
  public static JetStreamDurableConsumer of(
      String stream,
      String durable,
      String filterSubject,
      Optional<Instant> since,
      Duration ackWait,
      long maxAckPending) {
    ConsumerConfiguration.Builder builder =
        ConsumerConfiguration.builder()
            .durable(durable)
            .filterSubject(filterSubject)
            .ackPolicy(AckPolicy.Explicit)
            .ackWait(ackWait)
            .maxAckPending(maxAckPending);
    since.ifPresentOrElse(
        time ->
            builder.deliverPolicy(DeliverPolicy.ByStartTime).startTime(time.atZone(ZoneOffset.UTC)),
        () -> builder.deliverPolicy(DeliverPolicy.All));
    return new JetStreamDurableConsumer(stream, builder.build());
  }

  public String stream() {
    return stream;
  }

  public String name() {
    return configuration.getDurable();
  }

  ConsumerConfiguration configuration() {
    return configuration;
  }

  /** Binds to the consumer, creating it first if it does not exist. */
  public void ensure(Connection connection) throws IOException, JetStreamApiException {
    JetStreamManagement management = connection.jetStreamManagement();
    ConsumerInfo info;
    boolean created = false;
    try {
      info = management.getConsumerInfo(stream, name());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        throw new IOException(
            "stream " + stream + " does not exist yet (command-service creates it); waiting", e);
      }
      if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
        throw e;
      }
      info = management.addOrUpdateConsumer(stream, configuration);
      created = true;
      log.info(
          "created durable consumer {} of {} on stream {}, from {}",
          name(),
          configuration.getFilterSubject(),
          stream,
          configuration.getDeliverPolicy() == DeliverPolicy.All
              ? "the first event"
              : configuration.getStartTime());
    }
    List<String> differences = differences(configuration, info.getConsumerConfiguration());
    // Right after creating it, any difference is a setting the server ignored. A consumer that
    // another replica created may have other limits (its configuration differs from ours): only
    // what decides which events arrive and how they are settled must match.
    List<String> fatal =
        created
            ? differences
            : differences.stream()
                .filter(d -> d.startsWith("filter_subject") || d.startsWith("ack_policy"))
                .toList();
    if (!fatal.isEmpty()) {
      throw new IllegalStateException(
          "consumer " + name() + " on stream " + stream + " differs from ours: " + fatal);
    }
    if (!differences.isEmpty()) {
      log.debug("consumer {} was created with other limits: {}", name(), differences);
    }
  }

  /** The settings this projector relies on that the server does not hold as asked. */
  static List<String> differences(ConsumerConfiguration wanted, ConsumerConfiguration stored) {
    List<String> found = new ArrayList<>();
    compare(found, "filter_subject", wanted.getFilterSubject(), stored.getFilterSubject());
    compare(found, "ack_policy", wanted.getAckPolicy(), stored.getAckPolicy());
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
