package io.cqrsshop.query.api;

import io.cqrsshop.runtime.logging.CallLogContext;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.UUID;
import java.util.regex.Pattern;

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
    return CallLogContext.keep(MDC_KEY, requestId, () -> next.startCall(call, headers));
  }
}
