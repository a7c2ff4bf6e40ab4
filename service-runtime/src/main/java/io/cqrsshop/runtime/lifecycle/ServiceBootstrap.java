package io.cqrsshop.runtime.lifecycle;

import io.cqrsshop.runtime.grpc.GrpcServer;
import io.cqrsshop.runtime.health.DependencyCheck;
import io.cqrsshop.runtime.health.ReadinessMonitor;
import io.cqrsshop.runtime.metrics.Metrics;
import io.cqrsshop.runtime.metrics.MetricsServer;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every deployable starts: a metrics registry and its {@code /metrics} endpoint, a gRPC server
 * (the service's endpoints, or only health and reflection) and the readiness checks that drive its
 * health, with the service's own components wired in between. Each part registers its stop step as
 * it starts, so that a shutdown (SIGTERM, or a test's {@code shutdown()}) stops them in reverse
 * order; a start that fails stops what it had started and rethrows.
 */
public final class ServiceBootstrap {

  /** What a service wires with the shared parts; returns the started application. */
  @FunctionalInterface
  public interface Wiring<A> {
    A wire(ServiceBootstrap service);
  }

  private static final Logger log = LoggerFactory.getLogger(ServiceBootstrap.class);

  private final String name;
  private final ShutdownSequence shutdown;
  private final PrometheusMeterRegistry registry;
  private MetricsServer metrics;
  private GrpcServer grpc;

  private ServiceBootstrap(String name) {
    this.name = name;
    this.shutdown = new ShutdownSequence(name);
    this.registry = Metrics.createRegistry(name);
  }

  /**
   * Starts a service named {@code name} (the {@code application} tag of its metrics) as {@code
   * wiring} puts it together.
   */
  public static <A> A start(String name, Wiring<A> wiring) {
    ServiceBootstrap service = new ServiceBootstrap(name);
    try {
      return wiring.wire(service);
    } catch (RuntimeException e) {
      log.error("{} failed to start; stopping what was started", name, e);
      service.shutdown.run();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Serves {@code /metrics} on {@code host:port}. */
  public MetricsServer serveMetrics(String host, int port) {
    metrics = new MetricsServer(host, port, registry).start();
    onShutdown("metrics server", metrics::close);
    return metrics;
  }

  /** Registers a step of the shutdown; steps run last-registered first. */
  public void onShutdown(String step, ShutdownSequence.Step action) {
    shutdown.add(step, action);
  }

  /**
   * Serves the service's endpoints on {@code host:port}, each call on a virtual thread; at
   * shutdown, in-flight calls get {@code grace} to finish. Interceptors run last-registered first.
   */
  public GrpcServer serveGrpc(
      String host,
      int port,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      Duration grace) {
    ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    onShutdown("gRPC call executor", calls::close);
    return serve(
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port)).executor(calls),
        services,
        interceptors,
        grace,
        name + " gRPC",
        "gRPC server");
  }

  /** Serves only health and reflection, for a service without an API of its own. */
  public GrpcServer serveHealth(String host, int port, Duration grace) {
    return serve(
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port)),
        List.of(),
        List.of(),
        grace,
        name + " health",
        "health server");
  }

  /**
   * Checks {@code dependencies} every {@code interval} and reports readiness to {@code readiness}
   * (usually the gRPC server's health); with {@code firstRoundNow}, one round runs before this
   * returns, so that a healthy service is ready as soon as it has started.
   */
  public ReadinessMonitor watchReadiness(
      List<DependencyCheck> dependencies,
      Consumer<Boolean> readiness,
      Duration interval,
      boolean firstRoundNow) {
    ReadinessMonitor monitor = new ReadinessMonitor(dependencies, readiness, interval, registry);
    if (firstRoundNow) {
      monitor.checkAll();
    }
    monitor.start();
    onShutdown("readiness checks", monitor::close);
    return monitor;
  }

  /** The started service, once its metrics endpoint and gRPC server are up. */
  public RunningService started() {
    if (metrics == null || grpc == null) {
      throw new IllegalStateException(name + " has no metrics endpoint or gRPC server yet");
    }
    return new RunningService(shutdown, grpc.port(), metrics.port());
  }

  private GrpcServer serve(
      NettyServerBuilder builder,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      Duration grace,
      String description,
      String step) {
    GrpcServer server =
        new GrpcServer(builder, services, interceptors, registry, description).start();
    onShutdown(step, () -> server.shutdown(grace));
    grpc = server;
    return server;
  }
}
