package io.cqrsshop.runtime.tracing;

import io.cqrsshop.runtime.config.EnvReader;
import java.util.Map;
import java.util.Set;

/**
 * The standard {@code OTEL_*} variables a service was started with, as OpenTelemetry defines them
 * (exporter and endpoint, service name, sampler, resource attributes, batching). Tracing is on when
 * one of them names somewhere to export spans; otherwise the service runs the no-op.
 */
public record TracingSettings(Map<String, String> variables) {

  /** Tracing off: no span is recorded or exported. */
  public static final TracingSettings OFF = new TracingSettings(Map.of());

  /** The variables that turn tracing on; any of them set means "export spans somewhere". */
  private static final Set<String> EXPORTER_VARIABLES =
      Set.of(
          "OTEL_EXPORTER_OTLP_ENDPOINT",
          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
          "OTEL_TRACES_EXPORTER");

  public TracingSettings {
    variables = Map.copyOf(variables);
  }

  /** Reads every {@code OTEL_*} variable (without the service's prefix: they are standard). */
  public static TracingSettings read(EnvReader env) {
    return new TracingSettings(env.unprefixed("OTEL_"));
  }

  public boolean enabled() {
    return EXPORTER_VARIABLES.stream()
        .map(variables::get)
        .anyMatch(value -> value != null && !"none".equals(value));
  }

  /** Says where spans go, never the values (OTEL_EXPORTER_OTLP_HEADERS may hold a token). */
  @Override
  public String toString() {
    if (!enabled()) {
      return "tracing off";
    }
    return "tracing to "
        + variables.getOrDefault(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            variables.getOrDefault(
                "OTEL_EXPORTER_OTLP_ENDPOINT", variables.getOrDefault("OTEL_TRACES_EXPORTER", "")));
  }
}
