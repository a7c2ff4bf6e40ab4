package io.cqrsshop.runtime.lifecycle;

import io.cqrsshop.runtime.grpc.CallsPerCaller;
import io.cqrsshop.runtime.grpc.GrpcServer;
import io.cqrsshop.runtime.grpc.GrpcSettings;
import io.cqrsshop.runtime.grpc.ServerLimits;
import io.cqrsshop.runtime.health.DependencyCheck;
import io.cqrsshop.runtime.health.ReadinessMonitor;
import io.cqrsshop.runtime.metrics.Metrics;
import io.cqrsshop.runtime.metrics.MetricsServer;
import io.cqrsshop.runtime.security.AccessPolicy;
import io.cqrsshop.runtime.security.AuthSettings;
import io.cqrsshop.runtime.security.AuthenticationInterceptor;
import io.cqrsshop.runtime.security.ServerTls;
import io.cqrsshop.runtime.security.TokenVerifier;
import io.cqrsshop.runtime.tracing.TracedCalls;
import io.cqrsshop.runtime.tracing.Tracing;
import io.cqrsshop.runtime.tracing.TracingSettings;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
  // Certificates rotated on disk (cert-manager, Secret updates) are served within this.
  private static final Duration TLS_RELOAD_INTERVAL = Duration.ofSeconds(30);

  private final String name;
  private final ShutdownSequence shutdown;
  private final PrometheusMeterRegistry registry;
  private OpenTelemetry openTelemetry = OpenTelemetry.noop();
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
    return start(name, TracingSettings.OFF, wiring);
  }

  /** {@link #start(String, Wiring)}, with traces exported as {@code tracing} says. */
  public static <A> A start(String name, TracingSettings tracing, Wiring<A> wiring) {
    ServiceBootstrap service = new ServiceBootstrap(name);
    try {
      service.openTelemetry = Tracing.start(tracing, name);
      // The first step registered runs last: the spans of the shutdown are exported too.
      service.onShutdown("tracing", () -> Tracing.close(service.openTelemetry));
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

  /** The no-op unless tracing is configured; hand it to what records spans. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
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
   * Serves the service's endpoints as {@code settings} say, each call on a virtual thread: with TLS
   * when a certificate is configured, and with authentication, every method needing {@code scope},
   * when a key source is; with a server span for each call when tracing is on. Interceptors run
   * last-registered first.
   */
  public GrpcServer serveGrpc(
      GrpcSettings settings, List<BindableService> services, List<ServerInterceptor> interceptors) {
    ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    onShutdown("gRPC call executor", calls::close);
    List<ServerInterceptor> all = new ArrayList<>(interceptors);
    // Read (and checked: every RPC has a rule) even without authentication, so that an RPC
    // without one fails every start, not only a secured one.
    AccessPolicy access =
        AccessPolicy.of(
            services.stream().map(BindableService::bindService).toList(),
            settings.auth().reflection());
    // Before authentication in the list, so after it in the call: it counts calls per subject.
    all.add(new CallsPerCaller(settings.limits().callsPerCaller()));
    if (settings.auth().enabled()) {
      // Registered last, so it runs before the service's own: a refused call never reaches them.
      all.add(authentication(settings.auth(), access));
    }
    if (Tracing.isOn(openTelemetry)) {
      // Last of all, so that it runs first: a refused call has its span too.
      all.add(new TracedCalls(openTelemetry));
    }
    return serve(settings, listener(settings).executor(calls), services, all, name + " gRPC");
  }

  /** Serves only health (and reflection), for a service without an API of its own. */
  public GrpcServer serveHealth(GrpcSettings settings) {
    return serve(settings, listener(settings), List.of(), List.of(), name + " health");
  }

  private NettyServerBuilder listener(GrpcSettings settings) {
    return limited(bare(settings), settings.limits());
  }

  /** grpc-java's own bounds on what one client may hold (see {@link ServerLimits}). */
  private static NettyServerBuilder limited(NettyServerBuilder builder, ServerLimits limits) {
    return builder
        .maxConcurrentCallsPerConnection(limits.callsPerConnection())
        .maxConnectionAge(limits.connectionAge().toMillis(), TimeUnit.MILLISECONDS)
        // Calls under way when a connection ages out get as long as a graceful shutdown.
        .maxConnectionAgeGrace(30, TimeUnit.SECONDS)
        .maxConnectionIdle(limits.connectionIdle().toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveTime(limits.keepAliveMinInterval().toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxInboundMessageSize(limits.maxMessageBytes())
        .handshakeTimeout(limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTime(limits.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTimeout(20, TimeUnit.SECONDS);
  }

  private NettyServerBuilder bare(GrpcSettings settings) {
    InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
    if (!settings.tls().enabled()) {
      return NettyServerBuilder.forAddress(address);
    }
    ServerTls tls;
    try {
      tls = new ServerTls(settings.tls(), TLS_RELOAD_INTERVAL);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot load the TLS certificate " + settings.tls().certFile().orElseThrow(), e);
    }
    onShutdown("TLS certificate reloading", tls::close);
    return NettyServerBuilder.forAddress(address, tls.credentials());
  }

  private static AuthenticationInterceptor authentication(AuthSettings auth, AccessPolicy access) {
    try {
      return new AuthenticationInterceptor(new TokenVerifier(auth), access);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the keys that verify tokens", e);
    }
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
      GrpcSettings settings,
      NettyServerBuilder builder,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      String description) {
    GrpcServer server =
        new GrpcServer(
            builder, services, interceptors, registry, description, settings.servesReflection());
    if (settings.tls().plaintextHealthPort() > 0) {
      server.alsoServeHealthOn(
          NettyServerBuilder.forAddress(
              new InetSocketAddress(settings.host(), settings.tls().plaintextHealthPort())));
    }
    server.start();
    onShutdown(description, () -> server.shutdown(settings.shutdownGrace()));
    grpc = server;
    return server;
  }
}
