package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.EventSubjects;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable consumers of the physical read-model indices, one per index (see {@link
 * IndexNames#consumer}), each filtered to the aggregates its read model shows. A rebuild and the
 * live projection of the same index use the same consumer, so the progress of an index lives in
 * exactly one place whichever process made it.
 */
public final class IndexConsumers {

  private static final Logger log = LoggerFactory.getLogger(IndexConsumers.class);
  private static final Pattern INDEX_SUFFIX = Pattern.compile("_v\\d{1,6}(_r\\d{1,6})?");

  private final NatsConnector nats;
  private final String stream;
  private final String subjectPrefix;
  private final String consumerPrefix;
  private final IndexNames names;
  private final Duration ackWait;
  private final long maxAckPending;

  /**
   * @param maxAckPending room for every replica's batch in flight, and for a rebuild's two
   */
  public IndexConsumers(
      NatsConnector nats,
      String stream,
      String subjectPrefix,
      String consumerPrefix,
      IndexNames names,
      Duration ackWait,
      long maxAckPending) {
    this.nats = nats;
    this.stream = stream;
    this.subjectPrefix = subjectPrefix;
    this.consumerPrefix = consumerPrefix;
    this.names = names;
    this.ackWait = ackWait;
    this.maxAckPending = maxAckPending;
  }

  public NatsConnector nats() {
    return nats;
  }

  public String stream() {
    return stream;
  }

  /** The consumer of an index; created from {@code since} (else the first event) if missing. */
  public JetStreamDurableConsumer of(ReadModel model, String index, Optional<Instant> since) {
    return JetStreamDurableConsumer.of(
        stream,
        IndexNames.consumer(consumerPrefix, index),
        filter(model),
        since,
        ackWait,
        maxAckPending);
  }

  /** The subjects of the aggregates a read model shows: one aggregate's, or every event. */
  String filter(ReadModel model) {
    if (model.sources().size() == 1) {
      AggregateType type = model.sources().iterator().next();
      return subjectPrefix + "." + type.code() + ".>";
    }
    return EventSubjects.all(subjectPrefix);
  }

  /** Whether the consumer of an index exists. */
  public boolean exists(String index) throws Exception {
    try {
      nats.connected()
          .jetStreamManagement()
          .getConsumerInfo(stream, IndexNames.consumer(consumerPrefix, index));
      return true;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == JetStreamDurableConsumer.CONSUMER_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** Deletes the consumer of an index; deleting one that does not exist does nothing. */
  public void delete(String index) throws Exception {
    delete(nats.connected().jetStreamManagement(), IndexNames.consumer(consumerPrefix, index));
  }

  /**
   * Deletes the consumers of this environment's indices that are not in {@code indices}: those of
   * indices an operator deleted. Consumers of other prefixes are left alone.
   *
   * @return the names of the consumers deleted
   */
  public List<String> deleteAllBut(Set<String> indices) throws Exception {
    JetStreamManagement management;
    List<String> existing;
    try {
      management = nats.connected().jetStreamManagement();
      existing = management.getConsumerNames(stream);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == JetStreamDurableConsumer.STREAM_NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
    Set<String> kept =
        indices.stream()
            .map(index -> IndexNames.consumer(consumerPrefix, index))
            .collect(Collectors.toSet());
    List<String> deleted = new ArrayList<>();
    for (String name : existing) {
      if (isOurs(name) && !kept.contains(name)) {
        delete(management, name);
        deleted.add(name);
        log.info("deleted durable consumer {}: its index is gone", name);
      }
    }
    return deleted;
  }

  /** Whether a consumer name is that of an index of this environment's read models. */
  private boolean isOurs(String name) {
    for (ReadModel model : ReadModel.values()) {
      String base = IndexNames.consumer(consumerPrefix, names.alias(model));
      if (name.startsWith(base) && INDEX_SUFFIX.matcher(name.substring(base.length())).matches()) {
        return true;
      }
    }
    return false;
  }

  private void delete(JetStreamManagement management, String name) throws Exception {
    try {
      management.deleteConsumer(stream, name);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != JetStreamDurableConsumer.CONSUMER_NOT_FOUND
          && e.getApiErrorCode() != JetStreamDurableConsumer.STREAM_NOT_FOUND) {
        throw e;
      }
    }
  }
}
