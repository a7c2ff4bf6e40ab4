package io.cqrsshop.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cqrsshop.bench.BenchOptions;
import io.cqrsshop.bench.RpcSnapshot;
import io.cqrsshop.bench.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;

/**
 * The machine-readable form of a run ({@code --json}), so that two runs can be compared: phases are
 * keyed by scenario and name, figures are plain numbers in the unit their key names (ms, s, µs,
 * MB), and a figure that could not be measured is absent rather than zero.
 */
public final class JsonReport {

  /** Changes when a key is renamed or removed, so that a comparing script can tell. */
  static final String FORMAT = "cqrs-shop-bench/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(BenchReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("run", report.run());
    root.put("started_at", report.startedAt().toString());
    root.put("finished", report.finished());
    root.put("cpus_visible", report.cpus());
    root.put("options", options(report.options()));
    root.put("phases", report.phases().stream().map(JsonReport::phase).toList());
    root.put("comparisons", report.comparisons().stream().map(JsonReport::comparison).toList());
    if (!report.watches().isEmpty()) {
      root.put("watches", report.watches().stream().map(JsonReport::watch).toList());
    }
    root.put("checks", report.checks());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report cannot be written as JSON", e);
    }
  }

  private static Map<String, Object> options(BenchOptions options) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("clients", options.clients());
    json.put("duration_s", options.duration().toMillis() / 1000.0);
    json.put("phase_duration_s", options.phaseDuration().toMillis() / 1000.0);
    json.put("warmup_s", options.warmup().toMillis() / 1000.0);
    json.put("scenarios", options.scenarios().stream().sorted().map(Scenario::flagName).toList());
    json.put("read_side", options.readSide().flagName());
    json.put("burst", options.burst());
    json.put("backlog", options.backlog());
    json.put("watch_sizes", options.watchSizes());
    json.put("watch_rate", options.watchRate());
    return json;
  }

  static Map<String, Object> phase(Phase phase) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", phase.scenario());
    json.put("phase", phase.name());
    json.put("description", phase.description());
    json.put("read_side", phase.readSide().flagName());
    json.put("ops", phase.ops());
    json.put("seconds", round(phase.elapsed().toNanos() / 1e9, 3));
    json.put("ops_per_s", round(phase.opsPerSecond(), 1));
    phase.latencyMicros().ifPresent(h -> json.put("latency_ms", latency(h)));
    if (!phase.rpcs().isEmpty()) {
      List<Map<String, Object>> rpcs = new ArrayList<>();
      for (RpcSnapshot rpc : phase.rpcs()) {
        rpcs.add(rpc(rpc, phase));
      }
      json.put("rpcs", rpcs);
    }
    json.put("processes", processes(phase));
    if (!phase.costs().unmeasured().isEmpty()) {
      Map<String, String> unmeasured = new LinkedHashMap<>();
      phase.costs().unmeasured().forEach((c, why) -> unmeasured.put(c.label(), why));
      json.put("unmeasured", unmeasured);
    }
    return json;
  }

  private static Map<String, Object> rpc(RpcSnapshot rpc, Phase phase) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rpc", rpc.rpc());
    json.put("calls", rpc.calls());
    json.put("ops_per_s", round(Ratios.ratio(rpc.calls(), phase.elapsed().toNanos() / 1e9), 1));
    json.put("latency_ms", latency(rpc.latencyMicros()));
    json.put("ok", rpc.ok());
    json.put("rejected", rpc.rejected());
    json.put("errors", rpc.failed());
    return json;
  }

  private static Map<String, Object> processes(Phase phase) {
    Map<String, Object> json = new LinkedHashMap<>();
    phase
        .costs()
        .used()
        .forEach(
            (component, used) -> {
              Map<String, Object> figures = new LinkedHashMap<>();
              figures.put("cpu_s", round(used.cpuSeconds(), 2));
              put(figures, "cores", used.cores(phase.elapsed()), 3);
              put(figures, "cpu_us_per_op", used.microsPerOp(phase.ops()), 1);
              if (component.isProcess()) {
                figures.put("rss_mb", round(used.rssMegabytes(), 1));
              }
              json.put(component.label(), figures);
            });
    return json;
  }

  private static Map<String, Object> comparison(Comparison comparison) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", comparison.scenario());
    json.put("subject", comparison.subject());
    json.put("baseline", comparison.baseline());
    json.put("compares", comparison.compares());
    json.put("ratio", round(comparison.ratio(), 3));
    millis(json, "added_p50_ms", comparison.addedP50Micros());
    millis(json, "added_p99_ms", comparison.addedP99Micros());
    return json;
  }

  private static Map<String, Object> watch(WatchResult watch) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("phase", watch.phase());
    json.put("watches", watch.watches());
    json.put("channels", watch.channels());
    json.put("products", watch.products());
    json.put("commands_per_s", watch.commandsPerSecond());
    json.put("commands_failed", watch.commandsFailed());
    json.put("commands_late", watch.commandsLate());
    put(json, "query_service_rss_before_mb", WatchResult.megabytes(watch.rssBefore()), 1);
    put(json, "query_service_rss_open_mb", WatchResult.megabytes(watch.rssOpen()), 1);
    put(json, "rss_mb_per_1000_watches", watch.megabytesPerThousand(), 2);
    json.put("watchers_behind", watch.behind());
    json.put("streams_ended", watch.ended());
    json.put("updates_before_answer", watch.beforeAnswer());
    return json;
  }

  private static Map<String, Object> latency(Histogram h) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("p50", h.getValueAtPercentile(50) / 1000.0);
    json.put("p90", h.getValueAtPercentile(90) / 1000.0);
    json.put("p99", h.getValueAtPercentile(99) / 1000.0);
    json.put("max", h.getMaxValue() / 1000.0);
    return json;
  }

  private static void millis(Map<String, Object> json, String key, Optional<Long> micros) {
    micros.ifPresent(m -> json.put(key, m / 1000.0));
  }

  private static void put(Map<String, Object> json, String key, OptionalDouble value, int places) {
    if (value.isPresent()) {
      json.put(key, round(value.getAsDouble(), places));
    }
  }

  private static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
