package io.cqrsshop.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real nats-server with JetStream, started as a child process on a free loopback port with a
 * store directory of its own. Tests can {@link #stop()} and {@link #start()} it again (same port,
 * same data) to simulate an outage, or {@link #kill()} it.
 *
 * <p>The binary comes from {@code CQRSSHOP_TEST_NATS_SERVER} (set by {@code ./dev test}) or the
 * {@code PATH}.
 */
public final class NatsServerProcess implements AutoCloseable {

  private final String binary;
  private final int port;
  private final Path storeDir;
  private final List<String> options;
  private Process process;

  private NatsServerProcess(String binary, int port, Path storeDir, List<String> options) {
    this.binary = binary;
    this.port = port;
    this.storeDir = storeDir;
    this.options = List.copyOf(options);
  }

  /** Starts a fresh server. */
  public static NatsServerProcess start() {
    return start(List.of());
  }

  /**
   * Starts a fresh server with more command-line options, e.g. {@code --tls --tlscert F --tlskey F
   * --user U --pass P}.
   */
  public static NatsServerProcess start(List<String> options) {
    try {
      var server =
          new NatsServerProcess(
              binary(), FreePorts.find(), Files.createTempDirectory("nats-test-store"), options);
      server.startProcess();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server again after {@link #stop()} or {@link #kill()}, keeping port and data. */
  public synchronized void restart() {
    if (isRunning()) {
      throw new IllegalStateException("nats-server is already running");
    }
    startProcess();
  }

  /** Stops the server gracefully (SIGTERM) and waits for it to exit. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      waitForExit();
    }
  }

  /** Kills the server (SIGKILL), as a crash would. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  @Override
  public synchronized void close() {
    kill();
    try (Stream<Path> files = Files.walk(storeDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Temporary data only; the OS cleans it up eventually.
    }
  }

  private void startProcess() {
    try {
      List<String> command =
          new java.util.ArrayList<>(
              List.of(
                  binary,
                  "-js",
                  "-a",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port),
                  "-sd",
                  storeDir.toString()));
      command.addAll(options);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(storeDir.resolve("nats-server.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    await("nats-server listening on " + port)
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(this::accepting);
  }

  private boolean accepting() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "nats-server exited with " + process.exitValue() + "; see " + storeDir);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private void waitForExit() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String binary() {
    var configured = TestInfrastructure.env(TestInfrastructure.NATS_SERVER);
    if (configured.isPresent()) {
      return configured.get();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "nats-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw TestInfrastructure.missing("nats-server", TestInfrastructure.NATS_SERVER);
  }
}
