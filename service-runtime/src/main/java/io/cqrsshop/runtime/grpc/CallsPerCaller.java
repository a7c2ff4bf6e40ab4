package io.cqrsshop.runtime.grpc;

import io.cqrsshop.runtime.security.Caller;
import io.cqrsshop.shared.Rejection;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.StatusProto;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the calls one caller has in flight at once, over all its connections: past the bound a
 * call is RESOURCE_EXHAUSTED (ErrorInfo reason {@value #REASON}) at once, so that a caller holding
 * hundreds of calls open (say, consistency waits for writes that never come) cannot take the
 * server's threads and Elasticsearch's attention from everyone else. The caller is the token's
 * subject, or, without authentication, the peer's address. Runs after authentication.
 */
public final class CallsPerCaller implements ServerInterceptor {

  public static final String REASON = "TOO_MANY_CALLS";

  private final int limit;
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

  public CallsPerCaller(int limit) {
    this.limit = limit;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String caller = caller(call);
    if (!acquire(caller)) {
      var refusal =
          StatusProto.toStatusRuntimeException(
              GrpcErrors.toStatus(
                  new Rejection.ResourceExhausted(
                      REASON,
                      "this caller has "
                          + limit
                          + " calls in flight already; wait for some to finish",
                      Map.of("limit", Integer.toString(limit)))));
      call.close(
          refusal.getStatus(),
          refusal.getTrailers() == null ? new Metadata() : refusal.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            inFlight.computeIfPresent(caller, (key, count) -> count == 1 ? null : count - 1);
          }
        };
    ServerCall.Listener<Q> started;
    try {
      started = next.startCall(call, headers);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(started) {
      @Override
      public void onComplete() {
        release.run();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        release.run();
        super.onCancel();
      }
    };
  }

  private boolean acquire(String caller) {
    boolean[] acquired = {false};
    inFlight.compute(
        caller,
        (key, count) -> {
          int now = count == null ? 0 : count;
          if (now >= limit) {
            return count;
          }
          acquired[0] = true;
          return now + 1;
        });
    return acquired[0];
  }

  private static String caller(ServerCall<?, ?> call) {
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
