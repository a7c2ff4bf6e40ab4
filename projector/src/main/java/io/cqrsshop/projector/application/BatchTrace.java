package io.cqrsshop.projector.application;

import io.cqrsshop.runtime.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of one projected batch, continuing the traces its events' {@code traceparent} headers
 * carry.
 *
 * <p>Each traced event gets a {@code process} span, a child of the relay's publish span: the trace
 * of one command thus shows its events applied, from the batch's start to the event's outcome. The
 * batch's writes (the bulk request, parking) belong to every command in it, and a span has one
 * parent, so they run under one {@code project batch} span that links to each event's span rather
 * than inside any one command's trace. A batch without traced events records nothing.
 */
final class BatchTrace implements AutoCloseable {

  private static final BatchTrace UNTRACED = new BatchTrace(Span.getInvalid(), Map.of());

  private final Span batch;
  private final Map<EventMessage, Span> events;

  private BatchTrace(Span batch, Map<EventMessage, Span> events) {
    this.batch = batch;
    this.events = events;
  }

  static BatchTrace start(Tracer tracer, List<EventMessage> messages) {
    Map<EventMessage, Span> events = new IdentityHashMap<>();
    for (EventMessage message : messages) {
      if (!message.traceParent().isEmpty()) {
        events.put(message, process(tracer, message));
      }
    }
    if (events.isEmpty()) {
      return UNTRACED;
    }
    SpanBuilder batch =
        tracer
            .spanBuilder("project batch")
            .setNoParent()
            .setAttribute("messaging.batch.message_count", (long) messages.size());
    events.values().forEach(span -> batch.addLink(span.getSpanContext()));
    return new BatchTrace(batch.startSpan(), events);
  }

  private static Span process(Tracer tracer, EventMessage message) {
    return tracer
        .spanBuilder("process " + message.subject())
        .setParent(TraceParent.parent(message.traceParent()))
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "nats")
        .setAttribute("messaging.operation.type", "process")
        .setAttribute("messaging.destination.name", message.subject())
        .setAttribute("messaging.message.id", message.messageId())
        .startSpan();
  }

  /** Makes the batch's span current, so that the writes made meanwhile are its children. */
  Scope makeCurrent() {
    return batch.makeCurrent();
  }

  /** What became of an event: applied, parked, handed back. */
  void outcome(EventMessage message, String outcome) {
    Span span = events.get(message);
    if (span != null) {
      span.setAttribute("cqrsshop.projector.outcome", outcome);
    }
  }

  @Override
  public void close() {
    events.values().forEach(Span::end);
    batch.end();
  }
}
