package io.cqrsshop.runtime.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The service's OpenTelemetry, configured by the standard {@code OTEL_*} variables (exporter
 * endpoint, service name, sampler, resource attributes). Without an exporter configured it is the
 * no-op implementation: nothing is recorded, nothing is exported, and instrumented code pays only
 * for calls that do nothing.
 */
public final class Tracing {

  /** The variables that turn tracing on; any of them set means "export spans somewhere". */
  private static final Set<String> EXPORTER_VARIABLES =
      Set.of(
          "OTEL_EXPORTER_OTLP_ENDPOINT",
          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
          "OTEL_TRACES_EXPORTER");

  private Tracing() {}

  /** From the process environment. */
  public static OpenTelemetry fromEnv(Map<String, String> env, String serviceName) {
    boolean configured =
        EXPORTER_VARIABLES.stream()
            .anyMatch(
                name ->
                    env.containsKey(name)
                        && !env.get(name).isBlank()
                        && !"none".equals(env.get(name)));
    if (!configured) {
      return OpenTelemetry.noop();
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", serviceName);
    // Metrics and logs have their own pipelines here (Prometheus, stdout): traces only.
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .setResultAsGlobal()
        .build()
        .getOpenTelemetrySdk();
  }
}
