package io.cqrsshop.command.domain;

import io.cqrsshop.shared.Violations;
import java.util.Optional;

/**
 * Rules for the free-text fields of commands.
 *
 * <p>Single-line values (names, categories) are rejected rather than silently trimmed when they
 * start or end with whitespace: the write model then stores exactly what the client sent, and two
 * requests that differ only in padding are visibly different. Lengths count Unicode code points,
 * which is what "characters" means to a client.
 */
public final class Text {

  private Text() {}

  /** A required single-line value of {@code min..max} characters. */
  public static Optional<String> singleLine(
      String raw, String field, int min, int max, Violations violations) {
    if (raw.isBlank()) {
      return reject(violations, field, "is required");
    }
    if (!raw.strip().equals(raw)) {
      return reject(violations, field, "must not start or end with whitespace");
    }
    if (raw.codePoints().anyMatch(Character::isISOControl)) {
      return reject(violations, field, "must not contain control characters");
    }
    int length = length(raw);
    if (length < min || length > max) {
      return reject(violations, field, "must be " + min + " to " + max + " characters");
    }
    return Optional.of(raw);
  }

  /** An optional value of at most {@code max} characters; empty is allowed. */
  public static Optional<String> upTo(String raw, String field, int max, Violations violations) {
    if (length(raw) > max) {
      return reject(violations, field, "must be at most " + max + " characters");
    }
    return Optional.of(raw);
  }

  static int length(String raw) {
    return raw.codePointCount(0, raw.length());
  }

  private static Optional<String> reject(Violations violations, String field, String problem) {
    violations.add(field, problem);
    return Optional.empty();
  }
}
