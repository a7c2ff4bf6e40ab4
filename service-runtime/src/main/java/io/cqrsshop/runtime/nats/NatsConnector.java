package io.cqrsshop.runtime.nats;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's connection to NATS, made in the background: the first connect retries for ever, like
 * every reconnect after it, so a service starts (and reports what it needs NATS for as not ready)
 * while NATS is down. The client's own reports go to our logs instead of java.util.logging, with
 * one warning per outage. Exposes {@code nats_connected{connection=...}} (1 or 0).
 */
public final class NatsConnector implements AutoCloseable {

  /**
   * How a service wants its connection to behave.
   *
   * @param connectionName shown by the server, and the {@code connection} tag of the gauge
   * @param buffersWhileDisconnected whether what is published during an outage waits in the client
   *     and goes out on reconnect; without, such a publish fails at once
   * @param flushesOnClose whether {@link #close()} first sends what was written (acknowledgements,
   *     for example) and waits for the server to confirm it
   */
  public record Settings(
      String url,
      String connectionName,
      boolean buffersWhileDisconnected,
      boolean flushesOnClose,
      NatsCredentials credentials) {

    /** Buffers during outages, like the client does by default, and closes without flushing. */
    public static Settings of(String url, String connectionName) {
      return new Settings(url, connectionName, true, false, NatsCredentials.NONE);
    }

    public Settings withoutReconnectBuffer() {
      return new Settings(url, connectionName, false, flushesOnClose, credentials);
    }

    public Settings withFlushOnClose() {
      return new Settings(url, connectionName, buffersWhileDisconnected, true, credentials);
    }

    /** Verifies the server against a CA and authenticates, as {@code credentials} say. */
    public Settings with(NatsCredentials credentials) {
      return new Settings(
          url, connectionName, buffersWhileDisconnected, flushesOnClose, credentials);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration RECONNECT_WAIT = Duration.ofMillis(500);
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final Settings settings;
  private final Options options;
  private final Thread connecting;
  private final AtomicReference<Connection> connection = new AtomicReference<>();
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private final AtomicBoolean outageReported = new AtomicBoolean();
  private final List<Consumer<Connection>> whenConnected = new CopyOnWriteArrayList<>();
  private volatile boolean everConnected;
  private volatile boolean closed;

  private NatsConnector(Settings settings, MeterRegistry registry) {
    this.settings = settings;
    Options.Builder builder =
        Options.builder()
            .server(settings.url())
            .connectionName(settings.connectionName())
            .connectionTimeout(CONNECT_TIMEOUT)
            .maxReconnects(-1)
            .reconnectWait(RECONNECT_WAIT)
            .connectionListener(this::onEvent)
            .errorListener(new LoggingErrorListener());
    settings.credentials().applyTo(builder);
    if (!settings.buffersWhileDisconnected()) {
      builder.reconnectBufferSize(0);
    }
    this.options = builder.build();
    this.connecting =
        Thread.ofPlatform().name("nats-connect").daemon().unstarted(this::connectUntilClosed);
    Gauge.builder("nats.connected", this, connector -> connector.isConnected() ? 1 : 0)
        .tag("connection", settings.connectionName())
        .description("1 while connected to NATS")
        .register(registry);
  }

  /** Starts connecting in the background and returns at once. */
  public static NatsConnector start(Settings settings, MeterRegistry registry) {
    NatsConnector connector = new NatsConnector(settings, registry);
    connector.connecting.start();
    return connector;
  }

  /** Whether the connection is up right now (not connecting, reconnecting or closed). */
  public boolean isConnected() {
    Connection current = connection.get();
    return current != null && current.getStatus() == Connection.Status.CONNECTED;
  }

  /**
   * Calls {@code listener} (on a thread of its own) each time the connection is made or made again
   * after an outage, and once now if it is up: what depends on not having missed anything (core
   * NATS messages sent while disconnected are lost) catches up there.
   */
  public void whenConnected(Consumer<Connection> listener) {
    whenConnected.add(listener);
    Connection current = connection.get();
    if (current != null && current.getStatus() == Connection.Status.CONNECTED) {
      Thread.ofVirtual().start(() -> listener.accept(current));
    }
  }

  /** The connection, when it is up; it may still drop at any moment. */
  public Connection connected() throws IOException {
    Connection current = connection.get();
    if (current == null || current.getStatus() != Connection.Status.CONNECTED) {
      throw new IOException("not connected to NATS at " + settings.url());
    }
    return current;
  }

  /** Stops connecting, or closes the connection (flushing first, if the settings say so). */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    // Until the first attempt has ended, the client's connection object may not exist yet.
    firstAttempt.await(CONNECT_TIMEOUT.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
    Connection current = connection.get();
    if (current != null) {
      flushIfWanted(current);
      current.close();
    }
    connecting.join(CONNECT_TIMEOUT.plusSeconds(3));
  }

  private void flushIfWanted(Connection current) throws InterruptedException {
    if (settings.flushesOnClose() && current.getStatus() == Connection.Status.CONNECTED) {
      try {
        current.flush(FLUSH_TIMEOUT);
      } catch (TimeoutException e) {
        log.warn("NATS did not confirm what was sent last; unconfirmed acknowledgements redeliver");
      }
    }
  }

  private void connectUntilClosed() {
    try {
      Connection opened = Nats.connectReconnectOnConnect(options);
      connection.compareAndSet(null, opened);
      if (closed) {
        opened.close();
      }
    } catch (IOException e) {
      // With reconnect-on-connect only what no retry can mend gets here.
      log.error("cannot connect to NATS at {}", settings.url(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      firstAttempt.countDown();
    }
  }

  private void onEvent(Connection source, ConnectionListener.Events event) {
    // The first event comes before the first connect returns: keep the object so close() works.
    if (connection.compareAndSet(null, source) && closed) {
      Thread.ofVirtual().start(() -> closeQuietly(source));
    }
    firstAttempt.countDown();
    switch (event) {
      case CONNECTED, RECONNECTED -> {
        log.info(
            "{} to NATS at {} as '{}'",
            everConnected ? "reconnected" : "connected",
            settings.url(),
            settings.connectionName());
        everConnected = true;
        outageReported.set(false);
        whenConnected.forEach(listener -> Thread.ofVirtual().start(() -> listener.accept(source)));
      }
      case DISCONNECTED -> {
        // Fired again by every failed attempt to reconnect: once per outage is enough.
        if (closed || !outageReported.compareAndSet(false, true)) {
          return;
        }
        if (everConnected) {
          log.warn("NATS disconnected ({}); reconnecting until it is back", settings.url());
        } else {
          log.info("waiting for NATS at {}; connecting in the background", settings.url());
        }
      }
      default -> log.debug("NATS {}", event.getEvent());
    }
  }

  private static void closeQuietly(Connection source) {
    try {
      source.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Routes the client's error reports to our logs instead of java.util.logging. */
  private final class LoggingErrorListener implements ErrorListener {

    @Override
    public void errorOccurred(Connection conn, String error) {
      log.warn("NATS error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exception) {
      // Every failed attempt to (re)connect lands here; the DISCONNECTED event covers outages.
      if (exception instanceof IOException || !isConnected()) {
        log.debug("NATS connection failure: {}", exception.toString());
      } else {
        log.warn("NATS client failure: {}", exception.toString());
      }
    }
  }
}
