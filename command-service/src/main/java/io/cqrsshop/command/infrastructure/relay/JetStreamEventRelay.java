package io.cqrsshop.command.infrastructure.relay;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed events from the event log to JetStream, so that no event is lost, skipped or
 * reordered within its aggregate.
 *
 * <p>One relay per database publishes at a time (see {@link RelayLeadership}); the others wait to
 * take over. Only a replica connected to NATS tries to lead. The leader reads the oldest
 * unpublished events, publishes them (see {@link EventPublisher}) and marks as published only what
 * JetStream acknowledged. A full batch is followed at once by the next; an empty one by a short
 * poll interval. Any failure (PostgreSQL, NATS) backs off and retries; a database failure also
 * gives up leadership, because the lock may be gone with the session.
 */
public final class JetStreamEventRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JetStreamEventRelay.class);
  private static final Duration FOLLOWER_RETRY = Duration.ofMillis(500);
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

  private final RelaySettings settings;
  private final RelayLeadership leadership;
  private final NatsConnector nats;
  private final RelayMetrics metrics;
  private final EventStream stream;
  private final EventPublisher publisher;
  private final RetryPolicy<Object> backoff;
  private final Thread thread;
  private volatile boolean running = true;
  private boolean streamReady;

  /**
   * @param sessions opens unpooled connections to the write database, for the leader's session
   */
  public JetStreamEventRelay(
      RelaySettings settings, Jdbi sessions, NatsConnector nats, MeterRegistry registry) {
    this.settings = settings;
    this.leadership = new RelayLeadership(sessions);
    this.nats = nats;
    this.metrics = new RelayMetrics(registry);
    this.stream = new EventStream(settings);
    this.publisher = new EventPublisher(settings.stream(), settings.subjectPrefix(), ACK_TIMEOUT);
    this.backoff =
        RetryPolicy.builder()
            .handle(Exception.class)
            .abortOn(InterruptedException.class)
            .abortIf((result, failure) -> !running)
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5))
            .withMaxRetries(-1)
            .onFailedAttempt(
                attempt -> {
                  if (!running) {
                    return;
                  }
                  metrics.failed();
                  // One warning per streak (and a reminder now and then) rather than one per retry.
                  if (attempt.getAttemptCount() % 20 == 1) {
                    log.warn(
                        "relay round failed (attempt {}), backing off: {}",
                        attempt.getAttemptCount(),
                        attempt.getLastException().toString());
                  } else {
                    log.debug(
                        "relay round failed again: {}", attempt.getLastException().toString());
                  }
                })
            .build();
    this.thread = Thread.ofPlatform().name("event-relay").unstarted(this::run);
  }

  public JetStreamEventRelay start() {
    thread.start();
    return this;
  }

  /** Refreshes the backlog gauge; cheap thanks to the partial index on unpublished events. */
  public void refreshBacklog(Jdbi jdbi) {
    metrics.backlog(Outbox.backlog(jdbi));
  }

  /**
   * Stops after the batch in flight, then releases leadership so that another replica takes over at
   * once.
   */
  @Override
  public void close() throws InterruptedException {
    running = false;
    // Wakes the relay from a pause; publishing and marking do not react to interrupts.
    thread.interrupt();
    thread.join(ACK_TIMEOUT.plusSeconds(5));
    if (thread.isAlive()) {
      log.warn("relay did not stop in time; dropping its session to release leadership");
      leadership.lost();
    }
  }

  private void run() {
    while (running) {
      try {
        Failsafe.with(backoff).run(this::step);
      } catch (RuntimeException stopped) {
        // Only an abort lets a failure out of the retry policy, and aborts mean "stopping".
        log.debug("relay round ended by shutdown", stopped);
      }
    }
    if (leadership.isLeader()) {
      log.info("relay stopping, releasing leadership");
    }
    leadership.release();
    metrics.leader(false);
  }

  private void step() throws InterruptedException, IOException, JetStreamApiException {
    try {
      // Only a replica that can reach NATS competes: one cut off from it must not hold the lock.
      if (!leadership.isLeader() && !(nats.isConnected() && becomeLeader())) {
        Thread.sleep(FOLLOWER_RETRY);
        return;
      }
      Connection connection = nats.connected();
      if (!streamReady) {
        stream.ensure(connection);
        streamReady = true;
      }
      List<PendingEvent> batch = Outbox.next(leadership.session(), settings.batchSize());
      if (batch.isEmpty()) {
        Thread.sleep(settings.pollInterval());
        return;
      }
      EventPublisher.Result result = publisher.publish(connection.jetStream(), batch);
      Outbox.markPublished(leadership.session(), result.acknowledged());
      Instant now = Instant.now();
      result.acknowledged().forEach(event -> metrics.published(event, now));
      if (result.failure().isPresent()) {
        throw new IOException("publishing failed", result.failure().get());
      }
    } catch (JdbiException databaseFailure) {
      if (leadership.isLeader()) {
        log.warn("relay lost its database session, giving up leadership");
      }
      leadership.lost();
      metrics.leader(false);
      throw databaseFailure;
    }
  }

  private boolean becomeLeader() {
    if (!leadership.tryAcquire()) {
      return false;
    }
    log.info("relay is now the leader: publishing events");
    metrics.leader(true);
    streamReady = false;
    return true;
  }
}
