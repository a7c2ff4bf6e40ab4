package io.cqrsshop.runtime.tracing;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import java.util.Set;

/**
 * A server span for every call of the service's own API, with its method and status (the maintained
 * gRPC instrumentation), continuing the caller's {@code traceparent} when it sends one. Health
 * checks and reflection are left untraced: probes every few seconds would bury the calls that
 * matter under root traces of their own.
 */
public final class TracedCalls implements ServerInterceptor {

  private static final Set<String> UNTRACED =
      Set.of(
          "grpc.health.v1.Health",
          "grpc.reflection.v1.ServerReflection",
          "grpc.reflection.v1alpha.ServerReflection");

  private final ServerInterceptor traced;

  public TracedCalls(OpenTelemetry openTelemetry) {
    this.traced = GrpcTelemetry.create(openTelemetry).createServerInterceptor();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (UNTRACED.contains(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    return traced.interceptCall(call, headers, next);
  }
}
