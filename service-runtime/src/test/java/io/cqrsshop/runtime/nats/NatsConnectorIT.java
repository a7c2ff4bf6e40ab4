package io.cqrsshop.runtime.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.TestNats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared NATS connection against a real nats-server that goes away and comes back. */
class NatsConnectorIT {

  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final String STREAM = "CONNECTOR_TEST";
  private static final String SUBJECT = "connector.test";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  @RegisterExtension final TestNats server = new TestNats();

  private final NatsServerProcess nats = server.server();
  private NatsConnector connector;

  @BeforeEach
  void startNats() throws Exception {
    // The stream outlives restarts (the server keeps its data), so it shows what reached NATS.
    try (Connection admin = Nats.connect(nats.url())) {
      admin
          .jetStreamManagement()
          .addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).build());
    }
  }

  @AfterEach
  void stopAll() throws Exception {
    if (connector != null) {
      connector.close();
    }
  }

  @Test
  void start_natsDown_startsAtOnceAndConnectsOnceNatsIsUp() throws Exception {
    nats.stop();

    connector = NatsConnector.start(NatsConnector.Settings.of(nats.url(), "test"), registry);

    assertThat(connector.isConnected()).isFalse();
    assertThatThrownBy(connector::connected).isInstanceOf(IOException.class);
    assertThat(connectedGauge()).isZero();
    nats.restart();
    await().atMost(PATIENCE).until(connector::isConnected);
    assertThat(connectedGauge()).isEqualTo(1);
  }

  @Test
  void outage_natsRestarted_reconnects() {
    connector = connected(NatsConnector.Settings.of(nats.url(), "test"));

    nats.stop();
    await().atMost(PATIENCE).until(() -> !connector.isConnected());
    nats.restart();

    await().atMost(PATIENCE).until(connector::isConnected);
  }

  @Test
  void publish_withoutReconnectBufferWhileDisconnected_failsAtOnce() throws Exception {
    connector = connected(NatsConnector.Settings.of(nats.url(), "test").withoutReconnectBuffer());
    Connection connection = connector.connected();
    nats.stop();
    await().atMost(PATIENCE).until(() -> !connector.isConnected());

    assertThatThrownBy(() -> connection.publish(SUBJECT, payload()))
        .isInstanceOf(IllegalStateException.class);
    nats.restart();
    await().atMost(PATIENCE).until(connector::isConnected);
    assertThat(streamMessages()).isZero();
  }

  @Test
  void publish_withReconnectBufferWhileDisconnected_isSentOnReconnect() throws Exception {
    connector = connected(NatsConnector.Settings.of(nats.url(), "test"));
    Connection connection = connector.connected();
    nats.stop();
    await().atMost(PATIENCE).until(() -> !connector.isConnected());

    connection.publish(SUBJECT, payload());
    nats.restart();

    await().atMost(PATIENCE).ignoreExceptions().until(() -> streamMessages() == 1);
  }

  @Test
  void close_withFlushOnClose_sendsWhatWasPublishedBefore() throws Exception {
    connector = connected(NatsConnector.Settings.of(nats.url(), "test").withFlushOnClose());
    for (int i = 0; i < 100; i++) {
      connector.connected().publish(SUBJECT, payload());
    }

    connector.close();

    assertThat(streamMessages()).isEqualTo(100);
  }

  @Test
  void close_natsNeverReachable_returnsPromptly() throws Exception {
    nats.stop();
    connector = NatsConnector.start(NatsConnector.Settings.of(nats.url(), "test"), registry);

    CompletableFuture.runAsync(
            () -> {
              try {
                connector.close();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .get(10, TimeUnit.SECONDS);

    nats.restart();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !connector.isConnected());
  }

  private NatsConnector connected(NatsConnector.Settings settings) {
    NatsConnector started = NatsConnector.start(settings, registry);
    await().atMost(PATIENCE).until(started::isConnected);
    return started;
  }

  private double connectedGauge() {
    return registry.get("nats.connected").tag("connection", "test").gauge().value();
  }

  private long streamMessages() throws Exception {
    try (Connection admin = Nats.connect(nats.url())) {
      JetStreamManagement management = admin.jetStreamManagement();
      return management.getStreamInfo(STREAM).getStreamState().getMsgCount();
    }
  }

  private static byte[] payload() {
    return "event".getBytes(StandardCharsets.UTF_8);
  }
}
