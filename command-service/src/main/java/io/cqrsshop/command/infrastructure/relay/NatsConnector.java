package io.cqrsshop.command.infrastructure.relay;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to NATS, established in the background: the service starts and accepts commands
 * while NATS is down (they only need PostgreSQL), and the relay publishes once it is up. After the
 * first connect the client itself reconnects forever.
 *
 * <p>The reconnect buffer is off: while disconnected a publish fails at once instead of waiting in
 * a client-side buffer, so the relay backs off and keeps events in PostgreSQL, where they are safe.
 */
public final class NatsConnector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

  private final Options options;
  private final Thread connecting;
  private final AtomicBoolean firstFailureLogged = new AtomicBoolean();
  private final AtomicBoolean disconnected = new AtomicBoolean();
  private volatile Connection connection;
  private volatile boolean closed;

  private NatsConnector(String url) {
    this.options =
        new Options.Builder()
            .server(url)
            .connectionName("command-service-relay")
            .connectionTimeout(Duration.ofSeconds(2))
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(500))
            .reconnectBufferSize(0)
            .connectionListener(listener())
            .errorListener(new LoggingErrorListener())
            .build();
    this.connecting =
        Thread.ofPlatform().name("nats-connect").daemon().unstarted(this::connectUntilDone);
  }

  public static NatsConnector start(String url) {
    NatsConnector connector = new NatsConnector(url);
    connector.connecting.start();
    return connector;
  }

  /** The connection once it has been established; it may be reconnecting at any moment. */
  public Optional<Connection> connection() {
    return Optional.ofNullable(connection);
  }

  /** Whether the connection is up right now (not connecting, reconnecting or closed). */
  public boolean isConnected() {
    Connection current = connection;
    return current != null && current.getStatus() == Connection.Status.CONNECTED;
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    connecting.interrupt();
    connecting.join(Duration.ofSeconds(5));
    Connection current = connection;
    if (current != null) {
      current.close();
    }
  }

  private void connectUntilDone() {
    RetryPolicy<Connection> retry =
        RetryPolicy.<Connection>builder()
            .handle(IOException.class)
            .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(5))
            .withMaxRetries(-1)
            .onFailedAttempt(
                attempt -> {
                  if (firstFailureLogged.compareAndSet(false, true)) {
                    log.warn(
                        "cannot connect to NATS yet, retrying in the background: {}",
                        attempt.getLastException().toString());
                  }
                })
            .build();
    try {
      Connection established = Failsafe.with(retry).get(() -> Nats.connect(options));
      if (closed) {
        established.close();
      } else {
        connection = established;
      }
    } catch (FailsafeException | InterruptedException stopped) {
      log.debug("stopped connecting to NATS", stopped);
    }
  }

  /** Sends the client's error reports to our logs instead of java.util.logging. */
  private static final class LoggingErrorListener implements ErrorListener {
    @Override
    public void errorOccurred(Connection conn, String error) {
      log.warn("NATS error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
      // Connection-level failures repeat on every reconnect attempt; the events below cover them.
      if (exp instanceof IOException) {
        log.debug("NATS connection failure: {}", exp.toString());
      } else {
        log.warn("NATS client failure: {}", exp.toString());
      }
    }
  }

  private ConnectionListener listener() {
    return (conn, event) -> {
      switch (event) {
        case CONNECTED, RECONNECTED -> {
          disconnected.set(false);
          log.info("NATS {} to {}", event.name(), conn.getConnectedUrl());
        }
        case DISCONNECTED -> {
          // Reported again for every failed reconnect attempt; one warning per outage is enough.
          if (disconnected.compareAndSet(false, true)) {
            log.warn("NATS disconnected; reconnecting");
          }
        }
        default -> log.debug("NATS {}", event);
      }
    };
  }
}
