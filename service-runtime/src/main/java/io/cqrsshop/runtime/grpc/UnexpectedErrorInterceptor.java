package io.cqrsshop.runtime.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception that escaped a handler into a proper status instead of grpc-java's UNKNOWN.
 *
 * <p>A failure the service recognises as a dependency outage (for example "database unreachable")
 * becomes the status its classifier returns, typically UNAVAILABLE so clients retry. Anything else
 * is a bug: it is logged with its stack trace and an incident id, and the client gets INTERNAL with
 * that id and nothing else of the server's internals.
 */
public final class UnexpectedErrorInterceptor implements ServerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(UnexpectedErrorInterceptor.class);

  private final Function<Throwable, Optional<Status>> classifier;

  /**
   * @param classifier maps known infrastructure failures to a status; empty means unexpected
   */
  public UnexpectedErrorInterceptor(Function<Throwable, Optional<Status>> classifier) {
    this.classifier = classifier;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException e) {
      close(call, e);
      return new ServerCall.Listener<>() {};
    }
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          close(call, e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          close(call, e);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          close(call, e);
        }
      }
    };
  }

  private <Q, R> void close(ServerCall<Q, R> call, RuntimeException e) {
    Status status;
    if (e instanceof StatusRuntimeException sre) {
      status = sre.getStatus();
    } else {
      Optional<Status> known = classifier.apply(e);
      if (known.isPresent()) {
        status = known.get();
        log.warn(
            "{} failed with {}: {}",
            call.getMethodDescriptor().getFullMethodName(),
            status.getCode(),
            e.toString());
      } else {
        String incident = UUID.randomUUID().toString();
        log.error(
            "{} failed unexpectedly (incident {})",
            call.getMethodDescriptor().getFullMethodName(),
            incident,
            e);
        status = Status.INTERNAL.withDescription("internal error, incident " + incident);
      }
    }
    try {
      call.close(status, new Metadata());
    } catch (IllegalStateException alreadyClosed) {
      log.debug("call was already closed", alreadyClosed);
    }
  }
}
