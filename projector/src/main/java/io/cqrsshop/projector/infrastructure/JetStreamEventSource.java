package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.projector.application.EventMessage;
import io.cqrsshop.projector.application.rebuild.EventStreamReader;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes batches from one long-lived pull subscription to the durable consumer, asking the server
 * for more with a pull request whenever the last one expired or was used up.
 *
 * <p>Why not one-off fetches: a message the server sends just as a fetch ends reaches a
 * subscription the client has already closed, and comes back only after the ack wait (30 s),
 * stalling read-your-writes. Here the subscription outlives every pull request, so a late message
 * simply waits for the next batch. Used by one thread.
 */
public final class JetStreamEventSource implements EventStreamReader {

  private static final Logger log = LoggerFactory.getLogger(JetStreamEventSource.class);

  /** How long to wait for a first message; short so that a stop request is noticed soon. */
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

  /** How long to wait for each further message of a batch: only take what has arrived. */
  private static final Duration MORE_WAIT = Duration.ofMillis(1);

  /** How long a pull request lives on the server; the server delivers against it until then. */
  private static final Duration PULL_EXPIRY = Duration.ofSeconds(2);

  /** How long to wait for each buffered message while collecting them on close. */
  private static final Duration COLLECT_WAIT = Duration.ofMillis(100);

  private final NatsConnector nats;
  private final JetStreamDurableConsumer durable;
  private JetStreamSubscription subscription;
  private long pullEndsAt;
  private int stillExpected;

  public JetStreamEventSource(NatsConnector nats, JetStreamDurableConsumer durable) {
    this.nats = nats;
    this.durable = durable;
  }

  @Override
  public List<EventMessage> fetch(int max) throws Exception {
    try {
      JetStreamSubscription messages = subscription();
      if (stillExpected == 0 || System.nanoTime() >= pullEndsAt) {
        messages.pullExpiresIn(max, PULL_EXPIRY);
        pullEndsAt = System.nanoTime() + PULL_EXPIRY.toNanos();
        stillExpected = max;
      }
      List<EventMessage> batch = new ArrayList<>();
      Message next = messages.nextMessage(FIRST_WAIT);
      while (next != null) {
        batch.add(new JetStreamEventMessage(next));
        stillExpected = Math.max(0, stillExpected - 1);
        next = batch.size() < max ? messages.nextMessage(MORE_WAIT) : null;
      }
      return batch;
    } catch (Exception e) {
      // Subscribe again next time: the server may have lost the consumer (restart without data).
      discard();
      throw e;
    }
  }

  /**
   * Hands back whatever arrived but was not taken, so that the next projector gets those events at
   * once rather than after the ack wait. The server may deliver until the open pull request
   * expires, so messages are collected until then and handed back (nak) only after unsubscribing: a
   * nak while a pull is open would bounce them straight back here.
   */
  @Override
  public void close() {
    if (subscription == null) {
      return;
    }
    List<Message> unprocessed = new ArrayList<>();
    try {
      while (System.nanoTime() < pullEndsAt + COLLECT_WAIT.toNanos()) {
        Message buffered = subscription.nextMessage(COLLECT_WAIT);
        if (buffered != null) {
          unprocessed.add(buffered);
        }
      }
    } catch (Exception e) {
      log.debug("stopped collecting buffered events: {}", e.toString());
    }
    discard();
    unprocessed.forEach(message -> new JetStreamEventMessage(message).nakWithDelay(Duration.ZERO));
    if (!unprocessed.isEmpty()) {
      log.info("handed back {} received but unprocessed events", unprocessed.size());
    }
  }

  @Override
  public long backlog() throws Exception {
    var info =
        nats.connected().jetStreamManagement().getConsumerInfo(durable.stream(), durable.name());
    return info.getNumPending() + info.getNumAckPending();
  }

  @Override
  public long acknowledgedUpTo() throws Exception {
    return nats.connected()
        .jetStreamManagement()
        .getConsumerInfo(durable.stream(), durable.name())
        .getAckFloor()
        .getStreamSequence();
  }

  private JetStreamSubscription subscription() throws Exception {
    if (subscription == null) {
      durable.ensure(nats.connected());
      subscription =
          nats.connected()
              .jetStream()
              .subscribe(null, PullSubscribeOptions.bind(durable.stream(), durable.name()));
      stillExpected = 0;
    }
    return subscription;
  }

  private void discard() {
    if (subscription == null) {
      return;
    }
    try {
      subscription.unsubscribe();
    } catch (RuntimeException e) {
      log.debug("unsubscribing failed: {}", e.toString());
    }
    subscription = null;
  }
}
