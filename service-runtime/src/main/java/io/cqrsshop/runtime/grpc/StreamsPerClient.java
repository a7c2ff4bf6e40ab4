package io.cqrsshop.runtime.grpc;

import io.cqrsshop.runtime.limits.SlotsPerKey;
import io.cqrsshop.shared.Rejection;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds the server streams (watches) one client holds open: per caller over all its connections
 * (the caller {@link CallsPerCaller} counts), and per connection, so that one connection's streams
 * leave room on it for calls. Past a bound a new stream is RESOURCE_EXHAUSTED (ErrorInfo reason
 * {@value #REASON}) at once. Unary calls pass untouched. Runs after {@link CallsPerCaller}.
 */
public final class StreamsPerClient implements ServerInterceptor {

  public static final String REASON = "TOO_MANY_WATCHES";

  private final SlotsPerKey perCaller;
  private final SlotsPerKey perConnection;

  public StreamsPerClient(int perCaller, int perConnection) {
    this.perCaller = new SlotsPerKey(perCaller);
    this.perConnection = new SlotsPerKey(perConnection);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.SERVER_STREAMING) {
      return next.startCall(call, headers);
    }
    String caller = CallsPerCaller.currentCaller().orElseGet(() -> CallsPerCaller.caller(call));
    // The peer's address and port: one per connection.
    String connection = String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    Optional<SlotsPerKey.Slot> callerSlot = perCaller.tryTake(caller);
    if (callerSlot.isEmpty()) {
      return refuse(call, "this caller", perCaller.limit());
    }
    Optional<SlotsPerKey.Slot> connectionSlot = perConnection.tryTake(connection);
    if (connectionSlot.isEmpty()) {
      callerSlot.get().close();
      return refuse(call, "this connection", perConnection.limit());
    }
    List<SlotsPerKey.Slot> slots = List.of(callerSlot.get(), connectionSlot.get());
    ServerCall.Listener<Q> started;
    try {
      started = next.startCall(call, headers);
    } catch (RuntimeException e) {
      slots.forEach(SlotsPerKey.Slot::close);
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(started) {
      @Override
      public void onComplete() {
        slots.forEach(SlotsPerKey.Slot::close);
        super.onComplete();
      }

      @Override
      public void onCancel() {
        slots.forEach(SlotsPerKey.Slot::close);
        super.onCancel();
      }
    };
  }

  private static <Q> ServerCall.Listener<Q> refuse(ServerCall<Q, ?> call, String who, int limit) {
    GrpcErrors.close(
        call,
        new Rejection.ResourceExhausted(
            REASON,
            who + " has " + limit + " watches open already; close one first",
            Map.of("limit", Integer.toString(limit))));
    return new ServerCall.Listener<>() {};
  }
}
