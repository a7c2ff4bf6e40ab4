package io.cqrsshop.projector.infrastructure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projector's connection to NATS. The first connect runs in the background and retries for
 * ever, like every reconnect after it, so the projector starts (and reports not ready) while NATS
 * is down. Exposes {@code projector_nats_connected} (1 or 0).
 */
public final class NatsConnector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

  private final String url;
  private final Options options;
  private final AtomicReference<Connection> connection = new AtomicReference<>();
  private volatile boolean closed;
  private volatile boolean wasUp;
  private volatile boolean reportedDown;

  public NatsConnector(String url, MeterRegistry registry) {
    this.url = url;
    this.options =
        Options.builder()
            .server(url)
            .connectionName("projector")
            .connectionTimeout(Duration.ofSeconds(2))
            .maxReconnects(-1)
            .reconnectWait(Duration.ofSeconds(1))
            .connectionListener(this::onEvent)
            .errorListener(new LoggingErrorListener())
            .build();
    Gauge.builder("projector.nats.connected", this, connector -> connector.isConnected() ? 1 : 0)
        .description("1 while connected to NATS")
        .register(registry);
  }

  public NatsConnector start() {
    Thread.ofPlatform().name("nats-connect").daemon().start(this::connect);
    return this;
  }

  public boolean isConnected() {
    Connection current = connection.get();
    return current != null && current.getStatus() == Connection.Status.CONNECTED;
  }

  /** The connection, when it is up. */
  public Connection connected() throws IOException {
    Connection current = connection.get();
    if (current == null || current.getStatus() != Connection.Status.CONNECTED) {
      throw new IOException("not connected to NATS at " + url);
    }
    return current;
  }

  /** Sends everything written so far (acknowledgements above all) before the connection closes. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    Connection current = connection.get();
    if (current == null) {
      return;
    }
    if (current.getStatus() == Connection.Status.CONNECTED) {
      try {
        current.flush(Duration.ofSeconds(5));
      } catch (TimeoutException e) {
        log.warn("NATS did not confirm the last acknowledgements; they will be redelivered");
      }
    }
    current.close();
  }

  private void connect() {
    try {
      Connection opened = Nats.connectReconnectOnConnect(options);
      connection.compareAndSet(null, opened);
      if (closed) {
        opened.close();
      }
    } catch (IOException e) {
      log.error("cannot connect to NATS at {}", url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onEvent(Connection source, ConnectionListener.Events event) {
    // The first event arrives before the first connect returns: keep the object so close() works.
    connection.compareAndSet(null, source);
    switch (event) {
      case CONNECTED, RECONNECTED -> {
        wasUp = true;
        log.info("NATS {} ({})", event.getEvent(), url);
      }
      case DISCONNECTED -> {
        // Fired by every failed reconnect attempt too: say it once per outage.
        if (wasUp || !reportedDown) {
          log.warn("NATS {} ({}); reconnecting until it is back", event.getEvent(), url);
        }
        wasUp = false;
        reportedDown = true;
      }
      default -> log.debug("NATS {}", event.getEvent());
    }
  }

  /** Routes the client's error reports to our logs instead of java.util.logging. */
  private static final class LoggingErrorListener implements ErrorListener {

    @Override
    public void errorOccurred(Connection connection, String error) {
      log.warn("NATS error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
      // Every failed reconnect lands here; the DISCONNECTED event has already said NATS is down.
      log.debug("NATS client exception: {}", exception.toString());
    }
  }
}
