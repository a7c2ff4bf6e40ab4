package io.cqrsshop.command.domain;

import io.cqrsshop.shared.ClientText;
import io.cqrsshop.shared.Violations;
import java.util.Optional;

/**
 * Rules for the free-text fields of commands.
 *
 * <p>Single-line values (names, categories) are rejected rather than silently trimmed when they
 * start or end with whitespace: the write model then stores exactly what the client sent, and two
 * requests that differ only in padding are visibly different. Lengths count Unicode code points,
 * which is what "characters" means to a client. Every value also obeys the API's text rule, {@link
 * ClientText}: no control characters (prose may hold line breaks and tabs), no unpaired surrogates,
 * so that nothing the store refuses (PostgreSQL's text cannot hold U+0000) gets in.
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
    Optional<String> problem = ClientText.problem(raw, ClientText.Kind.LINE);
    if (problem.isPresent()) {
      return reject(violations, field, problem.get());
    }
    int length = length(raw);
    if (length < min || length > max) {
      return reject(violations, field, "must be " + min + " to " + max + " characters");
    }
    return Optional.of(raw);
  }

  /** Optional prose of at most {@code max} characters; empty is allowed, and so are line breaks. */
  public static Optional<String> upTo(String raw, String field, int max, Violations violations) {
    Optional<String> problem = ClientText.problem(raw, ClientText.Kind.FREE_TEXT);
    if (problem.isPresent()) {
      return reject(violations, field, problem.get());
    }
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
