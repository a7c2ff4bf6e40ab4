package io.cqrsshop.runtime.logging;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ServerCall;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Keeps a field in the logging context (MDC) of one gRPC call: the steps of a call (start, message,
 * half-close, ...) may each run on another thread, so a value set once at the start would not
 * follow them.
 */
public final class CallLogContext {

  private CallLogContext() {}

  /** Starts the call with {@code key=value} in the MDC, and keeps it there for every later step. */
  public static <Q> ServerCall.Listener<Q> keep(
      String key, String value, Supplier<ServerCall.Listener<Q>> start) {
    ServerCall.Listener<Q> started;
    try (var ignored = MDC.putCloseable(key, value)) {
      started = start.get();
    }
    return new SimpleForwardingServerCallListener<>(started) {
      @Override
      public void onMessage(Q message) {
        with(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        with(super::onHalfClose);
      }

      @Override
      public void onCancel() {
        with(super::onCancel);
      }

      @Override
      public void onComplete() {
        with(super::onComplete);
      }

      @Override
      public void onReady() {
        with(super::onReady);
      }

      private void with(Runnable step) {
        try (var ignored = MDC.putCloseable(key, value)) {
          step.run();
        }
      }
    };
  }
}
