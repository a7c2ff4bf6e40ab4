package io.cqrsshop.command.relay.jetstream;

import io.cqrsshop.shared.EventSubjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the JetStream stream for events exists before anything is published to it.
 *
 * <p>An existing stream is left as it is (operators may have tuned it), but every setting that
 * differs from what this service would create is logged: a nats-server older than 2.10 also
 * silently ignores settings it does not know, and reading the stream back is the only way to see.
 */
public final class EventStream {

  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  private static final int STREAM_NOT_FOUND = 10059;

  private final StreamConfiguration wanted;

  /**
   * @param duplicateWindow how long the stream remembers message ids, to drop republished events
   * @param maxAge how long the stream keeps events; zero keeps them forever
   */
  public EventStream(
      String stream,
      String subjectPrefix,
      int replicas,
      Duration duplicateWindow,
      Duration maxAge) {
    this.wanted =
        StreamConfiguration.builder()
            .name(stream)
            .subjects(EventSubjects.all(subjectPrefix))
            .storageType(StorageType.File)
            .retentionPolicy(RetentionPolicy.Limits)
            .replicas(replicas)
            .duplicateWindow(duplicateWindow)
            .maxAge(maxAge)
            .build();
  }

  StreamConfiguration wanted() {
    return wanted;
  }

  public void ensure(Connection connection) throws IOException, JetStreamApiException {
    JetStreamManagement streams = connection.jetStreamManagement();
    StreamInfo info;
    try {
      info = streams.getStreamInfo(wanted.getName());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
      info = streams.addStream(wanted);
      log.info("created JetStream stream {}", wanted.getName());
    }
    for (String difference : differences(wanted, info.getConfiguration())) {
      log.warn("stream {}: {}", wanted.getName(), difference);
    }
  }

  static List<String> differences(StreamConfiguration wanted, StreamConfiguration actual) {
    List<String> found = new ArrayList<>();
    compare(found, "subjects", wanted.getSubjects(), actual.getSubjects());
    compare(found, "storage", wanted.getStorageType(), actual.getStorageType());
    compare(found, "retention", wanted.getRetentionPolicy(), actual.getRetentionPolicy());
    compare(found, "replicas", wanted.getReplicas(), actual.getReplicas());
    compare(found, "duplicate window", wanted.getDuplicateWindow(), actual.getDuplicateWindow());
    compare(found, "max age", orZero(wanted.getMaxAge()), orZero(actual.getMaxAge()));
    return found;
  }

  private static void compare(List<String> found, String setting, Object wanted, Object actual) {
    if (!Objects.equals(wanted, actual)) {
      found.add(setting + " is " + actual + ", this service would use " + wanted);
    }
  }

  private static Duration orZero(Duration duration) {
    return duration == null ? Duration.ZERO : duration;
  }
}
