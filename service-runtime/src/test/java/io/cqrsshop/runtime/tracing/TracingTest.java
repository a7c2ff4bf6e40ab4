package io.cqrsshop.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.testing.TestTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {

  @Test
  void fromEnv_noExporterConfigured_isTheNoOpThatRecordsNothing() {
    OpenTelemetry otel =
        Tracing.start(settings(Map.of("COMMAND_GRPC_PORT", "50051")), "command-service");

    assertThat(otel).isSameAs(OpenTelemetry.noop());
    Span span = otel.getTracer("test").spanBuilder("work").startSpan();
    assertThat(span.getSpanContext().isValid()).isFalse();
    span.end();
  }

  @Test
  void fromEnv_exporterNone_isStillOff() {
    assertThat(Tracing.start(settings(Map.of("OTEL_TRACES_EXPORTER", "none")), "projector"))
        .isSameAs(OpenTelemetry.noop());
  }

  @Test
  void settings_readOnlyTheOtelVariables_andNeverPrintTheirValues() {
    TracingSettings settings =
        settings(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer secret",
                "COMMAND_GRPC_PORT", "50051"));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.variables())
        .containsOnlyKeys("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS");
    assertThat(settings.toString()).isEqualTo("tracing to http://collector:4318");
  }

  @Test
  void start_anExporterConfigured_recordsSpans() {
    OpenTelemetry otel =
        Tracing.start(
            settings(Map.of("OTEL_TRACES_EXPORTER", "logging", "OTEL_SERVICE_NAME", "x")),
            "projector");
    try {
      assertThat(Tracing.isOn(otel)).isTrue();
      Span span = otel.getTracer("test").spanBuilder("work").startSpan();
      assertThat(span.getSpanContext().isValid()).isTrue();
      span.end();
    } finally {
      Tracing.close(otel);
    }
  }

  @Test
  void traceParent_carriesTheSpanAcrossAnAsynchronousHop() {
    TestTracing tracing = new TestTracing();
    Span command = tracing.tracer().spanBuilder("command").startSpan();
    String stored;
    try (Scope ignored = command.makeCurrent()) {
      stored = TraceParent.current();
    } finally {
      command.end();
    }

    Span publish =
        tracing.tracer().spanBuilder("publish").setParent(TraceParent.parent(stored)).startSpan();
    publish.end();

    assertThat(stored).startsWith("00-" + command.getSpanContext().getTraceId() + "-");
    assertThat(publish.getSpanContext().getTraceId())
        .isEqualTo(command.getSpanContext().getTraceId());
    assertThat(tracing.spans())
        .filteredOn(span -> span.getName().equals("publish"))
        .singleElement()
        .satisfies(
            span ->
                assertThat(span.getParentSpanId()).isEqualTo(command.getSpanContext().getSpanId()));
  }

  @Test
  void traceParent_withoutASpanOrGarbage_startsNothing() {
    assertThat(TraceParent.current()).isEmpty();
    assertThat(Span.fromContext(TraceParent.parent("not-a-traceparent")).getSpanContext().isValid())
        .isFalse();
  }

  private static TracingSettings settings(Map<String, String> env) {
    return TracingSettings.read(new EnvReader("COMMAND_", env));
  }
}
