package io.cqrsshop.command.infrastructure.relay;

import io.cqrsshop.shared.EventSubjects;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Publishes a batch of events to JetStream, each with its event id as {@code Nats-Msg-Id} so that
 * the stream drops a copy published again after a crash or failover.
 *
 * <p>The batch goes out in rounds of at most one event per aggregate, all of a round in flight at
 * once. An event is only sent after the previous event of its aggregate was acknowledged, and an
 * aggregate stops at its first failure: a lost acknowledgement can therefore never let a later
 * version overtake an earlier one in the stream. Events of different aggregates still travel
 * together, which keeps the relay fast when many aggregates change.
 */
final class EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

  private final String stream;
  private final String subjectPrefix;
  private final Duration ackTimeout;

  EventPublisher(String stream, String subjectPrefix, Duration ackTimeout) {
    this.stream = stream;
    this.subjectPrefix = subjectPrefix;
    this.ackTimeout = ackTimeout;
  }

  /** What came of a batch: the events acknowledged, and the first failure if any. */
  record Result(List<PendingEvent> acknowledged, Optional<Throwable> failure) {}

  Result publish(JetStream jetStream, List<PendingEvent> batch) {
    List<PendingEvent> acknowledged = new ArrayList<>();
    Set<UUID> stopped = new HashSet<>();
    Throwable firstFailure = null;
    List<PendingEvent> remaining = batch;
    while (!remaining.isEmpty()) {
      Map<UUID, PendingEvent> round = new LinkedHashMap<>();
      List<PendingEvent> later = new ArrayList<>();
      for (PendingEvent event : remaining) {
        if (stopped.contains(event.aggregateId())) {
          continue;
        }
        if (round.putIfAbsent(event.aggregateId(), event) != null) {
          later.add(event);
        }
      }
      List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
      for (PendingEvent event : round.values()) {
        acks.add(send(jetStream, event));
      }
      int i = 0;
      for (PendingEvent event : round.values()) {
        Optional<Throwable> failure = outcome(acks.get(i++), event);
        if (failure.isEmpty()) {
          acknowledged.add(event);
        } else {
          stopped.add(event.aggregateId());
          firstFailure = firstFailure == null ? failure.get() : firstFailure;
        }
      }
      remaining = later;
    }
    return new Result(acknowledged, Optional.ofNullable(firstFailure));
  }

  private CompletableFuture<PublishAck> send(JetStream jetStream, PendingEvent event) {
    try {
      return jetStream
          .publishAsync(
              EventSubjects.subject(subjectPrefix, event.aggregateType(), event.eventName()),
              event.payload(),
              PublishOptions.builder()
                  .messageId(event.eventId().toString())
                  .expectedStream(stream)
                  .build())
          .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException notSent) {
      // Disconnected (the client buffers nothing while reconnecting) or closed.
      return CompletableFuture.failedFuture(notSent);
    }
  }

  private Optional<Throwable> outcome(CompletableFuture<PublishAck> ack, PendingEvent event) {
    try {
      // join() waits without reacting to interrupts, so a stopping relay finishes its batch.
      PublishAck published = ack.join();
      if (!stream.equals(published.getStream())) {
        return Optional.of(
            new IllegalStateException("acknowledged by stream " + published.getStream()));
      }
      return Optional.empty();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      MDC.put("event_id", event.eventId().toString());
      try {
        log.debug("publishing event failed: {}", cause.toString());
      } finally {
        MDC.remove("event_id");
      }
      return Optional.of(cause);
    }
  }
}
