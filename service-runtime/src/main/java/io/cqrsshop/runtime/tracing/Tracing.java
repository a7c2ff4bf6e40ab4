package io.cqrsshop.runtime.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's OpenTelemetry, configured by the standard {@code OTEL_*} variables (exporter
 * endpoint, service name, sampler, resource attributes). Without an exporter configured it is the
 * no-op implementation: nothing is recorded, nothing is exported, and the services leave their
 * instrumentation out altogether (see {@link #isOn}).
 *
 * <p>It is handed to what it instruments, never made the global instance: several services share
 * one JVM in tests, and a global can be set only once.
 */
public final class Tracing {

  private Tracing() {}

  /** The SDK as {@code settings} configure it, or the no-op when they export nowhere. */
  public static OpenTelemetry start(TracingSettings settings, String serviceName) {
    if (!settings.enabled()) {
      return OpenTelemetry.noop();
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", serviceName);
    // Metrics and logs have their own pipelines here (Prometheus, stdout): traces only.
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    Map<String, String> configured = new HashMap<>();
    // The service's own variables win over the process's: tests start several in one JVM.
    settings
        .variables()
        .forEach(
            (name, value) ->
                configured.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .addPropertiesCustomizer(properties -> configured)
        // The service closes it as the last step of its shutdown, after its last spans.
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  /** Whether {@code openTelemetry} records anything; instrumentation is left out when not. */
  public static boolean isOn(OpenTelemetry openTelemetry) {
    return openTelemetry != OpenTelemetry.noop();
  }

  /** Flushes and closes an SDK; nothing for the no-op. */
  public static void close(OpenTelemetry openTelemetry) {
    if (openTelemetry instanceof OpenTelemetrySdk sdk) {
      sdk.close();
    }
  }
}
