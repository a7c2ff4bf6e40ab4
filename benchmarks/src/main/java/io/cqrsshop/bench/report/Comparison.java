package io.cqrsshop.bench.report;

import java.util.Optional;

/**
 * One phase measured against its baseline in the same run: the throughput ratio and, where both
 * timed their operations, the latency the subject adds on top of the baseline.
 *
 * @param compares what the ratio means, in words
 * @param ratio the subject's operations per second over the baseline's
 * @param addedP50Micros subject p50 minus baseline p50
 * @param addedP99Micros subject p99 minus baseline p99
 */
public record Comparison(
    String scenario,
    String subject,
    String baseline,
    String compares,
    double ratio,
    Optional<Long> addedP50Micros,
    Optional<Long> addedP99Micros) {

  public static Comparison of(Phase subject, Phase baseline, String compares) {
    return new Comparison(
        subject.scenario(),
        subject.name(),
        baseline.name(),
        compares,
        Ratios.ratio(subject.opsPerSecond(), baseline.opsPerSecond()),
        Ratios.difference(subject.latencyAt(50), baseline.latencyAt(50)),
        Ratios.difference(subject.latencyAt(99), baseline.latencyAt(99)));
  }
}
