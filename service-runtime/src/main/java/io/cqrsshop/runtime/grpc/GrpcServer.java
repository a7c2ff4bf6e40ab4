package io.cqrsshop.runtime.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server as every deployable runs it: the service's own endpoints plus {@code
 * grpc.health.v1} and server reflection ({@code v1} and {@code v1alpha}, so old and new grpcurl
 * work), with per-RPC metrics and no UNKNOWN statuses: a request body that does not parse is
 * INVALID_ARGUMENT, and reflection serves the {@code google.rpc} error detail types too.
 *
 * <p>Health has two views. The {@value #LIVENESS} service is SERVING from start until shutdown: the
 * process works. The overall service ({@code ""}) and each served service name report readiness,
 * which {@link io.cqrsshop.runtime.health.ReadinessMonitor} keeps up to date from the service's
 * dependencies.
 *
 * <p>Takes a {@link ServerBuilder} so that tests can pass an in-process one.
 */
public final class GrpcServer implements AutoCloseable {

  /** Health service name that reports whether the process is alive (for liveness probes). */
  public static final String LIVENESS = "liveness";

  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  private final Server server;
  private final HealthStatusManager health;
  private Optional<Server> healthOnly = Optional.empty();
  private final List<String> serviceNames;
  private final String description;

  public GrpcServer(
      ServerBuilder<?> builder,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      MeterRegistry registry,
      String description,
      boolean reflection) {
    this.health = new HealthStatusManager();
    this.description = description;
    this.serviceNames = new ArrayList<>();
    MetricCollectingServerInterceptor metrics = new MetricCollectingServerInterceptor(registry);
    for (BindableService service : services) {
      ServerServiceDefinition definition = served(service);
      builder.addService(definition);
      metrics.preregisterService(definition.getServiceDescriptor());
      serviceNames.add(definition.getServiceDescriptor().getName());
    }
    // Interceptors run in reverse order of registration: errors are mapped before metrics count.
    for (ServerInterceptor interceptor : interceptors) {
      builder.intercept(interceptor);
    }
    builder.intercept(metrics);
    builder.addService(served(health.getHealthService()));
    if (reflection) {
      builder.addService(served(ProtoReflectionServiceV1.newInstance()));
      builder.addService(served(v1alphaReflection()));
    }
    this.server = builder.build();
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
    serviceNames.forEach(name -> health.setStatus(name, ServingStatus.NOT_SERVING));
  }

  /**
   * A service as it is served: a body that does not parse is INVALID_ARGUMENT (not UNKNOWN), and
   * reflection also serves the error detail types, so that command-line clients decode them.
   */
  private static ServerServiceDefinition served(BindableService service) {
    return ErrorDetailTypes.attach(RequestParsing.guard(service.bindService()));
  }

  /** Older grpcurl versions only speak the deprecated v1alpha reflection protocol. */
  @SuppressWarnings("deprecation")
  private static BindableService v1alphaReflection() {
    return ProtoReflectionService.newInstance();
  }

  /**
   * Serves the health service (and nothing else) on a second listener too, built by {@code
   * builder}: a plaintext one for Kubernetes' gRPC probes, which do not speak TLS. Call before
   * {@link #start()}.
   */
  public GrpcServer alsoServeHealthOn(ServerBuilder<?> builder) {
    healthOnly = Optional.of(builder.addService(health.getHealthService()).build());
    return this;
  }

  public GrpcServer start() {
    try {
      server.start();
      if (healthOnly.isPresent()) {
        healthOnly.get().start();
        log.info("{} health (plaintext) on port {}", description, healthOnly.get().getPort());
      }
    } catch (IOException e) {
      server.shutdownNow();
      throw new UncheckedIOException("cannot start " + description, e);
    }
    health.setStatus(LIVENESS, ServingStatus.SERVING);
    log.info("{} listening on port {}", description, server.getPort());
    return this;
  }

  /** The port of the health-only listener, when there is one. */
  public Optional<Integer> healthOnlyPort() {
    return healthOnly.map(Server::getPort);
  }

  /** The port the server listens on; useful when it was started on port 0. */
  public int port() {
    return server.getPort();
  }

  /** Sets readiness: the overall status and that of every served service. */
  public void setReady(boolean ready) {
    ServingStatus status = ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    serviceNames.forEach(name -> health.setStatus(name, status));
  }

  /**
   * Stops taking new calls and lets in-flight ones finish within {@code grace}; calls still running
   * after that are cancelled. Health turns NOT_SERVING first so that load balancers stop sending
   * traffic.
   */
  public void shutdown(Duration grace) {
    health.enterTerminalState();
    server.shutdown();
    // Probes keep their answer (NOT_SERVING) until the calls have drained.
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{}: calls still running after {}, cancelling them", description, grace);
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    healthOnly.ifPresent(Server::shutdownNow);
    log.info("{} stopped", description);
  }

  /** Stops with a short grace period; for tests and error paths during start-up. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(1));
  }
}
