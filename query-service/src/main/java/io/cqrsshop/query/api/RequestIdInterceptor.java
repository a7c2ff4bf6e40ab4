package io.cqrsshop.query.api;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Puts a {@code request_id} into the logging context of every call: the caller's {@code
 * x-request-id} header when it sends a sane one (so that logs correlate across services), a fresh
 * id otherwise.
 */
public final class RequestIdInterceptor implements ServerInterceptor {

  static final String MDC_KEY = "request_id";
  static final Metadata.Key<String> HEADER =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String given = headers.get(HEADER);
    String requestId =
        given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    return new SimpleForwardingServerCallListener<>(
        startWithRequestId(requestId, () -> next.startCall(call, headers))) {
      @Override
      public void onMessage(Q message) {
        withRequestId(requestId, () -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        withRequestId(requestId, super::onHalfClose);
      }

      @Override
      public void onCancel() {
        withRequestId(requestId, super::onCancel);
      }

      @Override
      public void onComplete() {
        withRequestId(requestId, super::onComplete);
      }
    };
  }

  private static void withRequestId(String requestId, Runnable action) {
    MDC.put(MDC_KEY, requestId);
    try {
      action.run();
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  private static <T> T startWithRequestId(String requestId, Supplier<T> start) {
    MDC.put(MDC_KEY, requestId);
    try {
      return start.get();
    } finally {
      MDC.remove(MDC_KEY);
    }
  }
}
