package io.cqrsshop.command.relay;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.cqrsshop.command.relay.jetstream.EventPublisher;
import io.cqrsshop.command.relay.jetstream.EventStream;
import io.cqrsshop.command.relay.outbox.Outbox;
import io.cqrsshop.command.relay.outbox.PendingEvent;
import io.cqrsshop.command.relay.outbox.RelayLeadership;
import io.cqrsshop.command.relay.outbox.RelaySessions;
import io.cqrsshop.command.relay.outbox.SetAsideEvents;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.cqrsshop.shared.Excerpt;
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
import org.slf4j.MDC;

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
 *
 * <p>Three ways of getting stuck are avoided. A leader session cut off silently ends within the
 * session timeout on the server (see {@link RelaySessions}), freeing the lock. A leader that has
 * not managed to publish for {@code stepDownAfter} gives the lock up and stays out of the race for
 * a moment, so that a replica that can reach NATS leads instead. An event that can never be
 * published is set aside (logged as an ERROR, counted, kept in PostgreSQL for {@link
 * SetAsideEvents}) and the others go on; the later events of its aggregate wait behind it.
 */
public final class JetStreamEventRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JetStreamEventRelay.class);
  private static final Duration FOLLOWER_RETRY = Duration.ofMillis(500);
  private static final Duration MAX_ACK_TIMEOUT = Duration.ofSeconds(5);

  /** How long a leader that stepped down stays out of the race, so that another can win it. */
  private static final Duration STEP_DOWN_HOLD_OFF = Duration.ofSeconds(5);

  private static final int MAX_REASON_LENGTH = 500;

  private final RelaySettings settings;
  private final RelayLeadership leadership;
  private final NatsConnector nats;
  private final RelayMetrics metrics;
  private final EventStream stream;
  private final EventPublisher publisher;
  private final RetryPolicy<Object> backoff;
  private final Duration ackTimeout;
  private final Thread thread;
  private volatile boolean running = true;
  private boolean streamReady;
  private long lastProgressNanos;
  private long holdOffUntilNanos;
  private boolean steppedDown;
  private long lastSessionUseNanos;

  /**
   * @param sessions opens unpooled connections to the write database, for the leader's session
   */
  public JetStreamEventRelay(
      RelaySettings settings, Jdbi sessions, NatsConnector nats, MeterRegistry registry) {
    this.settings = settings;
    this.leadership = new RelayLeadership(sessions);
    this.nats = nats;
    this.metrics = new RelayMetrics(registry);
    this.stream =
        new EventStream(
            settings.stream(),
            settings.subjectPrefix(),
            settings.replicas(),
            settings.duplicateWindow(),
            settings.maxAge());
    // A round waits for its acknowledgements; the session must not look idle for that long.
    this.ackTimeout = min(MAX_ACK_TIMEOUT, settings.sessionTimeout().dividedBy(2));
    this.publisher = new EventPublisher(settings.stream(), settings.subjectPrefix(), ackTimeout);
    this.backoff =
        RetryPolicy.builder()
            .handle(Exception.class)
            .abortOn(InterruptedException.class)
            .abortIf((result, failure) -> !running)
            .withBackoff(
                Duration.ofMillis(100),
                min(Duration.ofSeconds(5), settings.sessionTimeout().dividedBy(2)))
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

  /** Refreshes the backlog gauges; cheap thanks to the partial indexes. */
  public void refreshBacklog(Jdbi jdbi) {
    metrics.backlog(Outbox.backlog(jdbi));
    metrics.waitingForOperator(Outbox.setAside(jdbi));
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
    thread.join(ackTimeout.plusSeconds(5));
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
      if (!leadership.isLeader() && !(nats.isConnected() && !holdingOff() && becomeLeader())) {
        Thread.sleep(FOLLOWER_RETRY);
        return;
      }
      publishNextBatch();
    } catch (JdbiException databaseFailure) {
      // Also when trying for the lock: the session may have died (or been ended) while idle.
      if (leadership.isLeader()) {
        log.warn("relay lost its database session, giving up leadership");
      }
      leadership.lost();
      metrics.leader(false);
      throw databaseFailure;
    } catch (IOException | JetStreamApiException | RuntimeException publishFailure) {
      stepDownIfStuck(publishFailure);
      throw publishFailure;
    }
  }

  private void publishNextBatch() throws InterruptedException, IOException, JetStreamApiException {
    Connection connection = nats.connected();
    if (!streamReady) {
      stream.ensure(connection);
      streamReady = true;
    }
    List<PendingEvent> batch = Outbox.next(leadership.session(), settings.batchSize());
    lastSessionUseNanos = System.nanoTime();
    if (batch.isEmpty()) {
      lastProgressNanos = System.nanoTime();
      Thread.sleep(settings.pollInterval());
      return;
    }
    EventPublisher.Result result =
        publisher.publish(connection.jetStream(), batch, this::keepSessionAlive);
    Outbox.markPublished(leadership.session(), result.acknowledged());
    result.undeliverable().forEach(this::setAside);
    Instant now = Instant.now();
    result.acknowledged().forEach(event -> metrics.published(event, now));
    if (!result.acknowledged().isEmpty() || !result.undeliverable().isEmpty()) {
      lastProgressNanos = System.nanoTime();
    }
    if (result.failure().isPresent()) {
      throw new IOException("publishing failed: " + result.failure().get(), result.failure().get());
    }
  }

  private boolean becomeLeader() {
    if (!leadership.tryAcquire()) {
      return false;
    }
    log.info("relay is now the leader: publishing events");
    metrics.leader(true);
    streamReady = false;
    lastProgressNanos = System.nanoTime();
    lastSessionUseNanos = lastProgressNanos;
    return true;
  }

  /** Gives the lock up when nothing could be published for too long (NATS lost, say). */
  private void stepDownIfStuck(Exception failure) {
    Duration stuck = Duration.ofNanos(System.nanoTime() - lastProgressNanos);
    if (!leadership.isLeader() || stuck.compareTo(settings.stepDownAfter()) < 0) {
      return;
    }
    log.warn(
        "relay could not publish for {} (last failure: {}); stepping down so that a replica that"
            + " can reach NATS leads",
        stuck.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        failure.toString());
    leadership.release();
    metrics.leader(false);
    holdOffUntilNanos = System.nanoTime() + STEP_DOWN_HOLD_OFF.toNanos();
    steppedDown = true;
  }

  private boolean holdingOff() {
    return steppedDown && System.nanoTime() - holdOffUntilNanos < 0;
  }

  /** Between publish rounds: a query now and then, so that the server sees a live session. */
  private void keepSessionAlive() {
    long now = System.nanoTime();
    if (Duration.ofNanos(now - lastSessionUseNanos)
            .compareTo(settings.sessionTimeout().dividedBy(4))
        >= 0) {
      leadership.keepAlive();
      lastSessionUseNanos = now;
    }
  }

  private void setAside(EventPublisher.Undeliverable undeliverable) {
    PendingEvent event = undeliverable.event();
    String reason = Excerpt.cut(undeliverable.cause().toString(), MAX_REASON_LENGTH);
    Outbox.setAside(leadership.session(), event, reason);
    metrics.setAside();
    MDC.put("event_id", event.eventId().toString());
    try {
      log.error(
          "event {} ({} {} version {}, {} bytes) can never be published and is set aside: {}."
              + " Later events of that aggregate wait behind it; put it back for another try once"
              + " the cause is fixed (events.set_aside_at)",
          event.eventId(),
          event.aggregateType().code(),
          event.aggregateId(),
          event.aggregateVersion(),
          event.payload().length,
          reason);
    } finally {
      MDC.remove("event_id");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
