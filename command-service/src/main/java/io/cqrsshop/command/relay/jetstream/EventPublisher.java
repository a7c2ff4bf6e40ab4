package io.cqrsshop.command.relay.jetstream;

import io.cqrsshop.command.relay.outbox.PendingEvent;
import io.cqrsshop.shared.EventSubjects;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * <p>The batch goes out in position order, in rounds: a round is the longest run of events in which
 * no aggregate appears twice, and all of a round is in flight at once. An event is therefore only
 * sent after the previous event of its aggregate was acknowledged, and the batch stops at the first
 * failure: a lost acknowledgement can never let a later version overtake an earlier one. When all
 * goes well the stream holds the events in exactly the log's position order.
 *
 * <p>A failure that no retry can cure (the event is larger than the server or the stream accepts)
 * is reported apart, as {@link Undeliverable}, so that the relay can set that one event aside
 * instead of retrying it forever and holding up every other aggregate.
 */
public final class EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

  /** JetStream's "message size exceeds maximum allowed" (the stream's max_msg_size). */
  private static final int MESSAGE_TOO_LARGE = 10054;

  private final String stream;
  private final String subjectPrefix;
  private final Duration ackTimeout;

  public EventPublisher(String stream, String subjectPrefix, Duration ackTimeout) {
    this.stream = stream;
    this.subjectPrefix = subjectPrefix;
    this.ackTimeout = ackTimeout;
  }

  /**
   * What came of a batch: the events acknowledged, those that can never be published, and the first
   * other failure if any.
   */
  public record Result(
      List<PendingEvent> acknowledged,
      List<Undeliverable> undeliverable,
      Optional<Throwable> failure) {}

  /** An event no retry will publish, and why. */
  public record Undeliverable(PendingEvent event, Throwable cause) {}

  /**
   * @param betweenRounds runs before every round but the first (the relay keeps its database
   *     session alive with it)
   */
  public Result publish(JetStream jetStream, List<PendingEvent> batch, Runnable betweenRounds) {
    List<PendingEvent> acknowledged = new ArrayList<>();
    List<Undeliverable> undeliverable = new ArrayList<>();
    int next = 0;
    while (next < batch.size()) {
      if (next > 0) {
        betweenRounds.run();
      }
      List<PendingEvent> round = nextRound(batch, next);
      List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
      for (PendingEvent event : round) {
        acks.add(send(jetStream, event));
      }
      Optional<Throwable> firstFailure = Optional.empty();
      for (int i = 0; i < round.size(); i++) {
        Optional<Throwable> failure = outcome(acks.get(i), round.get(i));
        if (failure.isEmpty()) {
          acknowledged.add(round.get(i));
        } else if (isPermanent(failure.get())) {
          undeliverable.add(new Undeliverable(round.get(i), failure.get()));
        } else if (firstFailure.isEmpty()) {
          firstFailure = failure;
        }
      }
      if (firstFailure.isPresent() || !undeliverable.isEmpty()) {
        // Nothing after a failed event may go out before it: stop, back off, retry from there.
        return new Result(acknowledged, undeliverable, firstFailure);
      }
      next += round.size();
    }
    return new Result(acknowledged, undeliverable, Optional.empty());
  }

  /**
   * Whether no retry can publish the event: the client refuses it before sending (larger than the
   * server's max_payload; an invalid subject), or the stream refuses its size.
   */
  static boolean isPermanent(Throwable failure) {
    // jnats wraps the pub-ack error of an asynchronous publish in a RuntimeException.
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException
          || (cause instanceof JetStreamApiException api
              && api.getApiErrorCode() == MESSAGE_TOO_LARGE)) {
        return true;
      }
    }
    return false;
  }

  /** The longest run of events from {@code start} with no aggregate appearing twice. */
  private static List<PendingEvent> nextRound(List<PendingEvent> batch, int start) {
    Set<UUID> aggregates = new HashSet<>();
    int end = start;
    while (end < batch.size() && aggregates.add(batch.get(end).aggregateId())) {
      end++;
    }
    return batch.subList(start, end);
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
