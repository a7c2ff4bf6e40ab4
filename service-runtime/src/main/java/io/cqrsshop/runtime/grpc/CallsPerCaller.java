package io.cqrsshop.runtime.grpc;

import io.cqrsshop.runtime.limits.SlotsPerKey;
import io.cqrsshop.runtime.security.Caller;
import io.cqrsshop.shared.Rejection;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds the calls one caller has in flight at once, over all its connections: past the bound a
 * call is RESOURCE_EXHAUSTED (ErrorInfo reason {@value #REASON}) at once, so that a caller holding
 * hundreds of calls open (say, consistency waits for writes that never come) cannot take the
 * server's threads and Elasticsearch's attention from everyone else. Server streams (watches) are
 * not counted here: they stay open by design, and {@link StreamsPerClient} bounds them. The caller
 * is the token's subject, or, without authentication, the peer's address. Runs after
 * authentication, and tells the rest of the call whom it counts against ({@link #currentCaller()}),
 * so that finer bounds (on consistency waits, say) count the same callers.
 */
public final class CallsPerCaller implements ServerInterceptor {

  public static final String REASON = "TOO_MANY_CALLS";

  private static final Context.Key<String> CALLER = Context.key("cqrsshop-caller");

  private final SlotsPerKey inFlight;

  public CallsPerCaller(int limit) {
    this.inFlight = new SlotsPerKey(limit);
  }

  /**
   * Whom the current call counts against ({@code subject:<sub>} or {@code peer:<address>}); empty
   * outside a call that this interceptor let through.
   */
  public static Optional<String> currentCaller() {
    return Optional.ofNullable(CALLER.get());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String caller = caller(call);
    Context withCaller = Context.current().withValue(CALLER, caller);
    if (call.getMethodDescriptor().getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
      // A watch is open for as long as its client wants: StreamsPerClient bounds those.
      return Contexts.interceptCall(withCaller, call, headers, next);
    }
    Optional<SlotsPerKey.Slot> slot = inFlight.tryTake(caller);
    if (slot.isEmpty()) {
      int limit = inFlight.limit();
      GrpcErrors.close(
          call,
          new Rejection.ResourceExhausted(
              REASON,
              "this caller has " + limit + " calls in flight already; wait for some to finish",
              Map.of("limit", Integer.toString(limit))));
      return new ServerCall.Listener<>() {};
    }
    SlotsPerKey.Slot release = slot.get();
    ServerCall.Listener<Q> started;
    try {
      started = Contexts.interceptCall(withCaller, call, headers, next);
    } catch (RuntimeException e) {
      release.close();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(started) {
      @Override
      public void onComplete() {
        release.close();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        release.close();
        super.onCancel();
      }
    };
  }

  static String caller(ServerCall<?, ?> call) {
    Caller caller = Caller.current();
    if (!caller.isAnonymous()) {
      return "subject:" + caller.subject();
    }
    SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    return peer instanceof InetSocketAddress address
        ? "peer:" + address.getAddress().getHostAddress()
        : "peer:" + peer;
  }
}
