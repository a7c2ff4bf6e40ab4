package io.cqrsshop.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsshop.bench.BenchOptions;
import io.cqrsshop.bench.CallOutcome;
import io.cqrsshop.bench.RpcStats;
import io.cqrsshop.bench.UsageException;
import io.cqrsshop.bench.proc.Component;
import io.cqrsshop.bench.proc.Costs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  private static JsonNode render(BenchReport report) throws Exception {
    return new ObjectMapper().readTree(JsonReport.render(report));
  }

  private static BenchReport report() throws UsageException {
    return new BenchReport(
        "benchabc234",
        Instant.parse("2026-12-01T08:00:00Z"),
        BenchOptions.parse(List.of("--clients", "32", "--read-side", "paused")),
        2);
  }

  @Test
  void render_phaseWithCosts_keysFiguresByNameWithUnitsAndLeavesOutWhatWasNotMeasured()
      throws Exception {
    BenchReport report = report();
    Costs costs =
        new Costs(
            Map.of(Component.COMMAND_SERVICE, new Costs.Used(730, 300L * 1024 * 1024)),
            Map.of(Component.ELASTICSEARCH, "no pid file .dev/data/elasticsearch/es.pid"));
    RpcStats stats = new RpcStats("AdjustProductStock");
    for (int i = 0; i < 10_000; i++) {
      stats.record(Duration.ofMillis(15).toNanos(), CallOutcome.OK);
    }
    Phase grpc =
        report.add(
            Phase.ofCalls(
                "commands",
                "grpc-adjust-stock",
                "AdjustProductStock over gRPC",
                ReadSide.PAUSED,
                List.of(stats.snapshot()),
                Duration.ofSeconds(10),
                costs));
    Phase raw =
        report.add(
            Phase.ofCount("commands", "jdbc", "raw", 40_000, Duration.ofSeconds(10), Costs.NONE));
    report.add(Comparison.of(grpc, raw, "gRPC / JDBC"));
    report.check("stock_audit_balanced", true);
    report.finish();

    JsonNode json = render(report);

    assertThat(json.path("format").asText()).isEqualTo(JsonReport.FORMAT);
    assertThat(json.path("run").asText()).isEqualTo("benchabc234");
    assertThat(json.path("finished").asBoolean()).isTrue();
    assertThat(json.path("options").path("clients").asInt()).isEqualTo(32);
    assertThat(json.path("options").path("read_side").asText()).isEqualTo("paused");
    JsonNode phase = json.path("phases").get(0);
    assertThat(phase.path("scenario").asText()).isEqualTo("commands");
    assertThat(phase.path("phase").asText()).isEqualTo("grpc-adjust-stock");
    assertThat(phase.path("read_side").asText()).isEqualTo("paused");
    assertThat(phase.path("ops").asLong()).isEqualTo(10_000);
    assertThat(phase.path("ops_per_s").asDouble()).isEqualTo(1000.0);
    assertThat(phase.path("latency_ms").path("p50").asDouble()).isBetween(14.9, 15.1);
    assertThat(phase.path("rpcs").get(0).path("rpc").asText()).isEqualTo("AdjustProductStock");
    JsonNode command = phase.path("processes").path("command-service");
    assertThat(command.path("cpu_s").asDouble()).isEqualTo(7.3);
    assertThat(command.path("cpu_us_per_op").asDouble()).isEqualTo(730.0);
    assertThat(command.path("cores").asDouble()).isEqualTo(0.73);
    assertThat(command.path("rss_mb").asDouble()).isEqualTo(300.0);
    assertThat(phase.path("processes").has("elasticsearch")).isFalse();
    assertThat(phase.path("unmeasured").path("elasticsearch").asText()).contains("no pid file");
    JsonNode counted = json.path("phases").get(1);
    assertThat(counted.has("latency_ms")).isFalse();
    assertThat(counted.has("rpcs")).isFalse();
    JsonNode comparison = json.path("comparisons").get(0);
    assertThat(comparison.path("subject").asText()).isEqualTo("grpc-adjust-stock");
    assertThat(comparison.path("baseline").asText()).isEqualTo("jdbc");
    assertThat(comparison.path("ratio").asDouble()).isEqualTo(0.25);
    assertThat(comparison.has("added_p50_ms")).isFalse();
    assertThat(json.path("checks").path("stock_audit_balanced").asBoolean()).isTrue();
  }

  @Test
  void render_runCutShort_saysItDidNotFinish() throws Exception {
    JsonNode json = render(report());

    assertThat(json.path("finished").asBoolean()).isFalse();
    assertThat(json.path("phases").isArray()).isTrue();
    assertThat(json.path("phases")).isEmpty();
  }

  @Test
  void render_watchSize_givesTheMemoryPerThousandWatchesAndLeavesOutWhatWasNotRead()
      throws Exception {
    BenchReport report = report();
    report.add(
        new WatchResult(
            "watch-10000",
            10_000,
            200,
            100,
            200,
            0,
            0,
            OptionalLong.of(150L * 1024 * 1024),
            OptionalLong.of(250L * 1024 * 1024),
            0,
            0,
            0));
    report.add(
        new WatchResult(
            "watch-1000",
            1_000,
            20,
            100,
            200,
            0,
            0,
            OptionalLong.empty(),
            OptionalLong.of(160L * 1024 * 1024),
            0,
            0,
            0));

    JsonNode watches = render(report).path("watches");

    assertThat(watches.get(0).path("query_service_rss_open_mb").asDouble()).isEqualTo(250.0);
    assertThat(watches.get(0).path("rss_mb_per_1000_watches").asDouble()).isEqualTo(10.0);
    assertThat(watches.get(1).has("query_service_rss_before_mb")).isFalse();
    assertThat(watches.get(1).has("rss_mb_per_1000_watches")).isFalse();
  }
}
