package io.cqrsshop.runtime.lifecycle;

/**
 * A started deployable: the ports it listens on (chosen by the system when configured as 0) and its
 * graceful stop, the same steps on SIGTERM as on {@link #shutdown()}. Each application extends it.
 */
public class RunningService {

  private final ShutdownSequence shutdown;
  private final int grpcPort;
  private final int metricsPort;

  RunningService(ShutdownSequence shutdown, int grpcPort, int metricsPort) {
    this.shutdown = shutdown;
    this.grpcPort = grpcPort;
    this.metricsPort = metricsPort;
  }

  /** An application around a service its bootstrap has started. */
  protected RunningService(RunningService started) {
    this(started.shutdown, started.grpcPort, started.metricsPort);
  }

  /** The port of the gRPC server: the service's API, or only health and reflection. */
  public int grpcPort() {
    return grpcPort;
  }

  public int metricsPort() {
    return metricsPort;
  }

  /** Stops gracefully, as on SIGTERM; later calls wait for the first to finish. */
  public void shutdown() {
    shutdown.run();
  }

  /** Runs {@link #shutdown()} when the JVM is asked to exit (SIGTERM, Ctrl-C). */
  public RunningService shutdownOnSignal() {
    shutdown.installHook();
    return this;
  }

  /** Blocks until the service has stopped. */
  public void awaitTermination() {
    shutdown.awaitTermination();
  }
}
