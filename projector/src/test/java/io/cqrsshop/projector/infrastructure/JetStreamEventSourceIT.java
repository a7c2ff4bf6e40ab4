package io.cqrsshop.projector.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.application.EventMessage;
import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.TestNats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The event source delivers every event promptly, whenever it is published relative to the source's
 * own polling. One-off fetches lost events sent just as a fetch expired; they came back only after
 * the consumer's ack wait, which stalled read-your-writes for 30 seconds.
 */
class JetStreamEventSourceIT {

  private static final Duration ACK_WAIT = Duration.ofSeconds(30);
  private static final long EDGE_NANOS = TimeUnit.SECONDS.toNanos(1);

  @RegisterExtension final TestNats server = new TestNats();

  private final NatsServerProcess nats = server.server();
  private EventStream stream;
  private NatsConnector connector;
  private JetStreamEventSource source;

  @BeforeEach
  void start() {
    stream = EventStream.create(nats.url());
    connector =
        NatsConnector.start(
            NatsConnector.Settings.of(nats.url(), "test"), new SimpleMeterRegistry());
    await().atMost(Duration.ofSeconds(10)).until(connector::isConnected);
    source =
        new JetStreamEventSource(
            connector,
            JetStreamDurableConsumer.of(
                EventStream.STREAM,
                "projector",
                EventStream.PREFIX + ".>",
                java.util.Optional.empty(),
                ACK_WAIT,
                1_000));
  }

  @AfterEach
  void stop() throws Exception {
    source.close();
    connector.close();
    stream.close();
  }

  @Test
  void fetch_eventsPublishedAroundTheEndOfAWait_arriveWithoutWaitingForRedelivery()
      throws Exception {
    Map<String, Long> published = new ConcurrentHashMap<>();
    Map<String, Long> latencies = new ConcurrentHashMap<>();
    var polling = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    Thread consumer =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      polling.set(System.nanoTime());
                      for (EventMessage message : source.fetch(500)) {
                        latencies.put(
                            message.messageId(),
                            System.nanoTime() - published.get(message.messageId()));
                        message.ack();
                      }
                    } catch (Exception e) {
                      return;
                    }
                  }
                });

    int events = 30;
    try {
      for (int i = 0; i < events; i++) {
        // Aim at the moment the poll under way gives up waiting (a second), give or take 20 ms.
        long target =
            polling.get()
                + EDGE_NANOS
                + ThreadLocalRandom.current().nextLong(-20_000_000L, 20_000_000L);
        LockSupport.parkNanos(Math.max(0, target - System.nanoTime()));
        String id = "event-" + i;
        published.put(id, System.nanoTime());
        stream.publish(EventStream.PREFIX + ".product.created", id, new byte[] {1});
        await().atMost(ACK_WAIT.plusSeconds(5)).until(() -> latencies.containsKey(id));
      }
    } finally {
      consumer.interrupt();
      consumer.join();
    }
    List<Long> slowest =
        latencies.values().stream().map(TimeUnit.NANOSECONDS::toMillis).sorted().toList();
    assertThat(slowest.getLast())
        .as("slowest delivery in ms, far below the ack wait a lost event would take")
        .isLessThan(5_000L);
  }
}
