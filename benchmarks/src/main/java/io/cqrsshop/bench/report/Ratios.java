package io.cqrsshop.bench.report;

import java.util.Locale;
import java.util.Optional;

/** Ratios and differences between a measurement and its baseline, and how reports write them. */
public final class Ratios {

  private Ratios() {}

  /** {@code subject / baseline}; 0 when the baseline measured nothing. */
  static double ratio(double subject, double baseline) {
    return baseline <= 0 ? 0 : subject / baseline;
  }

  /** {@code subject - baseline}, when both are known. */
  static Optional<Long> difference(Optional<Long> subject, Optional<Long> baseline) {
    return subject.flatMap(s -> baseline.map(b -> s - b));
  }

  /** "0.21x", two significant digits below 1 so small ratios stay readable. */
  public static String times(double ratio) {
    if (ratio == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, ratio < 1 ? "%.2fx" : "%.1fx", ratio);
  }

  /** "+1.23 ms", a signed latency difference given in microseconds. */
  public static String addedMillis(Optional<Long> micros) {
    return micros.map(m -> (m < 0 ? "-" : "+") + Figures.millis(Math.abs(m)) + " ms").orElse("-");
  }
}
