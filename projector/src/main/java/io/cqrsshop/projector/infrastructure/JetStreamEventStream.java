package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.projector.application.rebuild.EventStream;
import io.cqrsshop.projector.application.rebuild.EventStreamReader;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JetStream events stream as rebuilds read it: each rebuild reads it through the durable
 * consumer of the index it fills (see {@link IndexConsumers}), which stays that index's consumer
 * after the swap. The stream holds every event only while no limit has removed events from it,
 * which {@link #incomplete} checks from the stream's state.
 */
public final class JetStreamEventStream implements EventStream {

  private final IndexConsumers consumers;
  private final NatsConnector nats;
  private final String stream;

  public JetStreamEventStream(IndexConsumers consumers) {
    this.consumers = consumers;
    this.nats = consumers.nats();
    this.stream = consumers.stream();
  }

  @Override
  public Optional<String> incomplete(Optional<Instant> since) throws Exception {
    StreamInfo info;
    try {
      info = nats.connected().jetStreamManagement().getStreamInfo(stream);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == JetStreamDurableConsumer.STREAM_NOT_FOUND) {
        return Optional.empty(); // No stream, no event: the empty stream is complete.
      }
      throw e;
    }
    StreamState state = info.getStreamState();
    if (state.getMsgCount() == 0 && state.getLastSequence() == 0) {
      return Optional.empty(); // Nothing was ever published: the empty stream is complete.
    }
    if (since.isPresent()) {
      Instant first = state.getFirstTime() == null ? null : state.getFirstTime().toInstant();
      boolean covers =
          state.getFirstSequence() <= 1 || (first != null && !first.isAfter(since.get()));
      return covers
          ? Optional.empty()
          : Optional.of(
              "stream " + stream + " holds events from " + first + " on, not from " + since.get());
    }
    if (state.getFirstSequence() > 1) {
      return Optional.of(
          "stream "
              + stream
              + " no longer holds the whole history: its oldest event is number "
              + state.getFirstSequence()
              + limits(info.getConfiguration()));
    }
    if (state.getDeletedCount() > 0) {
      return Optional.of(
          "stream "
              + stream
              + " no longer holds the whole history: "
              + state.getDeletedCount()
              + " events were deleted from it");
    }
    return Optional.empty();
  }

  @Override
  public boolean exists() throws Exception {
    try {
      nats.connected().jetStreamManagement().getStreamInfo(stream);
      return true;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == JetStreamDurableConsumer.STREAM_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public long lastPosition() throws Exception {
    try {
      return nats.connected()
          .jetStreamManagement()
          .getStreamInfo(stream)
          .getStreamState()
          .getLastSequence();
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == JetStreamDurableConsumer.STREAM_NOT_FOUND) {
        return 0;
      }
      throw e;
    }
  }

  @Override
  public boolean readerExists(String index) throws Exception {
    return consumers.exists(index);
  }

  @Override
  public EventStreamReader open(String index, ReadModel model, Optional<Instant> since) {
    return new JetStreamEventSource(nats, consumers.of(model, index, since));
  }

  @Override
  public void deleteReader(String index) throws Exception {
    consumers.delete(index);
  }

  private static String limits(StreamConfiguration config) {
    List<String> set = new ArrayList<>();
    if (config.getMaxAge() != null && !config.getMaxAge().isZero()) {
      set.add("max_age " + config.getMaxAge());
    }
    if (config.getMaxMsgs() > 0) {
      set.add("max_msgs " + config.getMaxMsgs());
    }
    if (config.getMaxBytes() > 0) {
      set.add("max_bytes " + config.getMaxBytes());
    }
    if (config.getMaxMsgsPerSubject() > 0) {
      set.add("max_msgs_per_subject " + config.getMaxMsgsPerSubject());
    }
    return set.isEmpty() ? " (it was purged)" : " (limits: " + String.join(", ", set) + ")";
  }
}
