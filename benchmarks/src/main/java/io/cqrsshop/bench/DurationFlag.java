package io.cqrsshop.bench;

import java.time.Duration;
import java.util.Locale;

/** Reads durations written as {@code 20} (seconds), {@code 20s}, {@code 500ms} or {@code 2m}. */
final class DurationFlag {

  private DurationFlag() {}

  static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use 20, 20s, 500ms, 2m)");
    }
  }
}
