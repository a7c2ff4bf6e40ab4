package io.cqrsshop.command.domain.user;

import io.cqrsshop.shared.Violations;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address, kept as the user typed it; {@link #normalized()} is what uniqueness compares.
 *
 * <p>The well-formedness check is deliberately pragmatic (one {@code @}, a dotted domain, no
 * whitespace, RFC 5321 lengths): only delivery can prove an address, and a stricter grammar mostly
 * rejects real ones.
 */
public record Email(String value) {

  private static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL_LENGTH = 64;
  private static final Pattern SHAPE =
      Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+", Pattern.UNICODE_CHARACTER_CLASS);

  public Email {
    if (!wellFormed(value)) {
      throw new IllegalArgumentException("malformed email address");
    }
  }

  public static Optional<Email> parse(String raw, String field, Violations violations) {
    if (raw.isEmpty()) {
      violations.add(field, "is required");
      return Optional.empty();
    }
    return violations.require(
            wellFormed(raw), field, "must be a well-formed address of at most 254 characters")
        ? Optional.of(new Email(raw))
        : Optional.empty();
  }

  /** The form compared for uniqueness: addresses differing only in case are the same. */
  public String normalized() {
    return value.toLowerCase(Locale.ROOT);
  }

  private static boolean wellFormed(String raw) {
    return raw.length() <= MAX_LENGTH
        && SHAPE.matcher(raw).matches()
        && raw.indexOf('@') <= MAX_LOCAL_LENGTH
        && raw.codePoints().noneMatch(Character::isISOControl);
  }
}
