package io.cqrsshop.bench;

import java.util.OptionalDouble;

/** Reads values out of a Prometheus text exposition (what {@code GET /metrics} returns). */
public final class PrometheusText {

  private final String text;

  public PrometheusText(String text) {
    this.text = text;
  }

  /**
   * The sum of every series of the metric {@code name}, whatever its labels; empty when the
   * exposition has no such metric.
   */
  public OptionalDouble sum(String name) {
    return sum(name, "");
  }

  /**
   * The sum of the series of the metric {@code name} whose labels contain {@code label} (for
   * example {@code read_model="history"}); empty when the exposition has no such series.
   */
  public OptionalDouble sum(String name, String label) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      int valueStart;
      if (rest.startsWith("{")) {
        int close = rest.lastIndexOf('}');
        if (close < 0 || !rest.substring(0, close).contains(label)) {
          continue;
        }
        valueStart = close + 1;
      } else if (rest.startsWith(" ") && label.isEmpty()) {
        valueStart = 0;
      } else {
        // Another metric whose name merely starts with this one.
        continue;
      }
      String[] fields = rest.substring(valueStart).trim().split("\\s+");
      try {
        sum += Double.parseDouble(fields[0]);
        found = true;
      } catch (NumberFormatException malformed) {
        // Not a sample line; the exposition format has none such, but a scrape must not die of it.
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }
}
