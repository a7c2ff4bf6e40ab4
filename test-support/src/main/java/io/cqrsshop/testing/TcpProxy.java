package io.cqrsshop.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback TCP proxy in front of a real server, so a test can cut a service off from its
 * dependency and reconnect it: {@link #disconnect()} closes every open connection and refuses new
 * ones (as if the dependency were down), {@link #blackhole()} silently drops everything in both
 * directions while keeping every connection open (as a network partition or a lost node would: no
 * side learns that the other is gone), and {@link #reconnect()} lets traffic through again. It also
 * counts the {@link #requests()} its clients send, so a test can see how many round trips work
 * costs.
 */
public final class TcpProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean connected = true;
  private volatile boolean blackholed;
  private final LongAdder requests = new LongAdder();

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name("tcp-proxy-accept-" + port()).start(this::acceptLoop);
  }

  /** A proxy for a URL's host and port, for example {@code http://127.0.0.1:9200}. */
  public static TcpProxy forUrl(String url) {
    var uri = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
    return new TcpProxy(uri.getHost(), uri.getPort());
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Rewrites a URL so it goes through this proxy. */
  public String proxiedUrl(String url) {
    return url.replaceFirst(":" + targetPort, ":" + port());
  }

  /**
   * How many requests clients have sent so far: on each connection, every time a client sends after
   * the server has answered (or first), which is one round trip however many packets it takes.
   */
  public long requests() {
    return requests.sum();
  }

  /** Drops every connection and refuses new ones until {@link #reconnect()}. */
  public void disconnect() {
    connected = false;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /**
   * From now on, drops every byte in both directions and never closes a connection on its own: a
   * side that closes is not seen by the other, and new connections are accepted but lead nowhere.
   * Only a side's own timeouts end its connections. {@link #reconnect()} drops them all.
   */
  public void blackhole() {
    blackholed = true;
  }

  public void reconnect() {
    if (blackholed) {
      blackholed = false;
      disconnect();
    }
    connected = true;
  }

  @Override
  public void close() {
    disconnect();
    closeQuietly(listener);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      if (!connected) {
        closeQuietly(client);
        continue;
      }
      if (blackholed) {
        // Accepted, as by a kernel, but nothing will ever answer.
        open.add(client);
        continue;
      }
      try {
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
        open.add(client);
        open.add(upstream);
        // Whether the server has spoken since the client last did: the next client bytes are a new
        // request.
        AtomicBoolean answered = new AtomicBoolean(true);
        pipe(
            client,
            upstream,
            () -> {
              if (answered.getAndSet(false)) {
                requests.increment();
              }
            });
        pipe(upstream, client, () -> answered.set(true));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pipe(Socket from, Socket to, Runnable onBytes) {
    Thread.ofVirtual()
        .start(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              // Not try-with-resources: closing a socket's stream closes the socket.
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  onBytes.run();
                  if (!blackholed) {
                    out.write(buffer, 0, read);
                    out.flush();
                  }
                }
              } catch (IOException ended) {
                // One side closed; close both below.
              } finally {
                // In a blackhole, the other side must not learn of the close.
                if (!blackholed) {
                  closeQuietly(from);
                  closeQuietly(to);
                  open.remove(from);
                  open.remove(to);
                }
              }
            });
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Nothing to do: the socket is gone either way.
    }
  }
}
