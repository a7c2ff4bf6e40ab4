package io.cqrsshop.system;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * {@code OTEL_TRACES_EXPORTER=memory}: the services of a test export their spans, through the same
 * autoconfiguration as production, into one in-memory exporter the test reads ({@link #SPANS}).
 */
public final class MemorySpanExporterProvider implements ConfigurableSpanExporterProvider {

  /** Every span exported by a service started with the memory exporter in this JVM. */
  static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  @Override
  public String getName() {
    return "memory";
  }

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    // One per service; a service that shuts down must not clear the spans of the test.
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return SPANS.export(spans);
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
