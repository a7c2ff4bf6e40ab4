package io.cqrsshop.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;

/**
 * A trace context as a W3C {@code traceparent} string, so that it can travel where no
 * instrumentation carries it: stored with an event in the same transaction, sent as a NATS message
 * header, read back by the projector. Empty when there is no span to continue.
 */
public final class TraceParent {

  public static final String HEADER = "traceparent";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapSetter<Map<String, String>> SET =
      (carrier, key, value) -> carrier.put(key, value);
  private static final TextMapGetter<Map<String, String>> GET =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private TraceParent() {}

  /** The current span's context, or "" when none is recorded. */
  public static String current() {
    return of(Context.current());
  }

  public static String of(Context context) {
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return ""; // Tracing off, or no span: nothing to carry, and nothing allocated.
    }
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(context, carrier, SET);
    return carrier.getOrDefault(HEADER, "");
  }

  /** The context a {@code traceparent} names, as a parent; the root context for "" or garbage. */
  public static Context parent(String traceParent) {
    if (traceParent == null || traceParent.isEmpty()) {
      return Context.root();
    }
    return W3C.extract(Context.root(), Map.of(HEADER, traceParent), GET);
  }
}
