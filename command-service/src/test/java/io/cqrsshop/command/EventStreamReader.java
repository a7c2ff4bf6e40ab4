package io.cqrsshop.command;

import com.google.protobuf.InvalidProtocolBufferException;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads every message of the events stream, in stream order, for assertions. */
final class EventStreamReader {

  /** One stored message: its subject, its {@code Nats-Msg-Id} and the envelope it carries. */
  record StoredEvent(String subject, String messageId, EventEnvelope envelope) {}

  private final String url;
  private final String stream;

  EventStreamReader(String url, String stream) {
    this.url = url;
    this.stream = stream;
  }

  List<StoredEvent> all() {
    try (Connection connection = Nats.connect(url)) {
      JetStreamManagement streams = connection.jetStreamManagement();
      long last;
      try {
        last = streams.getStreamInfo(stream).getStreamState().getLastSequence();
      } catch (JetStreamApiException noStreamYet) {
        return List.of();
      }
      List<StoredEvent> events = new ArrayList<>();
      for (long seq = 1; seq <= last; seq++) {
        MessageInfo message = streams.getMessage(stream, seq);
        events.add(
            new StoredEvent(
                message.getSubject(),
                message.getHeaders().getFirst("Nats-Msg-Id"),
                EventEnvelope.parseFrom(message.getData())));
      }
      return events;
    } catch (InvalidProtocolBufferException | JetStreamApiException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  long count() {
    try (Connection connection = Nats.connect(url)) {
      return connection.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
    } catch (JetStreamApiException noStreamYet) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
