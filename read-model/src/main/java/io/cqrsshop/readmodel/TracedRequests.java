package io.cqrsshop.readmodel;

import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.instrumentation.Instrumentation;
import co.elastic.clients.transport.instrumentation.NoopInstrumentation;
import co.elastic.clients.transport.instrumentation.OpenTelemetryForElasticsearch;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;

/**
 * A client span for each Elasticsearch request made inside a span (a traced call, a projected
 * batch), from the client's own OpenTelemetry support; search bodies are not recorded, as they can
 * hold a user's e-mail address. Requests outside any span (readiness checks, lag probes, lifecycle
 * ticks) stay untraced, or each would start a root trace of its own every few seconds.
 */
final class TracedRequests implements Instrumentation {

  private final Instrumentation traced;

  TracedRequests(OpenTelemetry openTelemetry) {
    this.traced = new OpenTelemetryForElasticsearch(openTelemetry, false);
  }

  @Override
  public <Q> Context newContext(Q request, Endpoint<Q, ?, ?> endpoint) {
    return Span.current().getSpanContext().isValid()
        ? traced.newContext(request, endpoint)
        : NoopInstrumentation.INSTANCE.newContext(request, endpoint);
  }
}
