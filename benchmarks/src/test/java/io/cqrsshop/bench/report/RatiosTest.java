package io.cqrsshop.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.bench.CallOutcome;
import io.cqrsshop.bench.RpcStats;
import io.cqrsshop.bench.proc.Costs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RatiosTest {

  static Phase timed(String name, long ops, Duration elapsed, long latencyMicros) {
    RpcStats stats = new RpcStats("Rpc");
    for (long i = 0; i < ops; i++) {
      stats.record(latencyMicros * 1000, CallOutcome.OK);
    }
    return Phase.ofCalls(
        "s", name, name, ReadSide.RUNNING, List.of(stats.snapshot()), elapsed, Costs.NONE);
  }

  @Test
  void comparisonOf_twoTimedPhases_givesThroughputRatioAndAddedLatency() {
    Phase grpc = timed("grpc", 200, Duration.ofSeconds(1), 5_000);
    Phase raw = timed("raw", 1_000, Duration.ofSeconds(1), 1_000);

    Comparison comparison = Comparison.of(grpc, raw, "gRPC / raw");

    assertThat(comparison.ratio()).isEqualTo(0.2);
    assertThat(comparison.subject()).isEqualTo("grpc");
    assertThat(comparison.baseline()).isEqualTo("raw");
    assertThat(comparison.addedP50Micros().orElseThrow()).isBetween(3_990L, 4_010L);
    assertThat(Ratios.times(comparison.ratio())).isEqualTo("0.20x");
    assertThat(Ratios.addedMillis(comparison.addedP50Micros())).isEqualTo("+4.00 ms");
  }

  @Test
  void comparisonOf_countedPhases_hasNoLatencyDifference() {
    Phase drain = Phase.ofCount("p", "drain", "d", 3_000, Duration.ofSeconds(2), Costs.NONE);
    Phase bulk = Phase.ofCount("p", "bulk", "b", 3_000, Duration.ofMillis(500), Costs.NONE);

    Comparison comparison = Comparison.of(drain, bulk, "drain / bulk");

    assertThat(comparison.ratio()).isEqualTo(0.25);
    assertThat(comparison.addedP50Micros()).isEmpty();
    assertThat(Ratios.addedMillis(comparison.addedP50Micros())).isEqualTo("-");
  }

  @Test
  void ratio_baselineMeasuredNothing_isZeroNotInfinite() {
    assertThat(Ratios.ratio(10, 0)).isZero();
    assertThat(Ratios.times(0)).isEqualTo("-");
    assertThat(Ratios.times(1.5)).isEqualTo("1.5x");
  }

  @Test
  void difference_needsBothSides() {
    assertThat(Ratios.difference(Optional.of(5L), Optional.of(7L))).contains(-2L);
    assertThat(Ratios.difference(Optional.of(5L), Optional.empty())).isEmpty();
    assertThat(Ratios.addedMillis(Optional.of(-1_500L))).isEqualTo("-1.50 ms");
  }

  @Test
  void ofCalls_severalRpcs_countsAndMergesThemAll() {
    RpcStats a = new RpcStats("A");
    RpcStats b = new RpcStats("B");
    a.record(1_000_000, CallOutcome.OK);
    b.record(3_000_000, CallOutcome.OK);

    Phase phase =
        Phase.ofCalls(
            "s",
            "mix",
            "m",
            ReadSide.PAUSED,
            List.of(a.snapshot(), b.snapshot()),
            Duration.ofSeconds(1),
            Costs.NONE);

    assertThat(phase.ops()).isEqualTo(2);
    assertThat(phase.opsPerSecond()).isEqualTo(2.0);
    assertThat(phase.latencyMicros().map(Histogram::getMaxValue).orElseThrow())
        .isBetween(2_990L, 3_010L);
  }
}
