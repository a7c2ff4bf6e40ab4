package io.cqrsshop.bench.report;

import java.time.Duration;
import java.util.Locale;

/** How figures are written in reports: milliseconds, rates and percentages, locale-independent. */
public final class Figures {

  private Figures() {}

  public static String millis(long micros) {
    double ms = micros / 1000.0;
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2f", ms);
    }
    if (ms < 100) {
      return String.format(Locale.ROOT, "%.1f", ms);
    }
    return String.format(Locale.ROOT, "%.0f", ms);
  }

  public static String rate(long count, Duration elapsed) {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", count / seconds);
  }

  /** A rate or count rounded to a whole number. */
  public static String whole(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  public static String seconds(Duration elapsed) {
    return String.format(Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9);
  }

  public static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }
}
