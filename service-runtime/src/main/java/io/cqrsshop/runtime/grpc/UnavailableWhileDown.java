package io.cqrsshop.runtime.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.function.BooleanSupplier;

/**
 * Answers the calls of one service UNAVAILABLE at once while a dependency it cannot work without is
 * known to be down (its readiness check failed), instead of letting each call wait for a connection
 * timeout and the client's deadline. Health and reflection stay served.
 */
public final class UnavailableWhileDown implements ServerInterceptor {

  private final String service;
  private final BooleanSupplier down;
  private final Status status;

  /**
   * @param service the full name of the gated service, for example {@code
   *     cqrsshop.v1.CommandService}
   * @param down whether the dependency is known to be down now
   * @param status what a gated call is answered, typically UNAVAILABLE with a hint to retry
   */
  public UnavailableWhileDown(String service, BooleanSupplier down, Status status) {
    this.service = service;
    this.down = down;
    this.status = status;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (service.equals(call.getMethodDescriptor().getServiceName()) && down.getAsBoolean()) {
      call.close(status, new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
