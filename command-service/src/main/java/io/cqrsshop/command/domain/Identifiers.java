package io.cqrsshop.command.domain;

import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Aggregate ids as clients send them: the canonical 36-character UUID form only, because {@link
 * UUID#fromString} also accepts oddities such as {@code 1-2-3-4-5}.
 */
public final class Identifiers {

  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Identifiers() {}

  public static Optional<UUID> parse(String raw, String field, Violations violations) {
    if (raw.isEmpty()) {
      violations.add(field, "is required");
      return Optional.empty();
    }
    if (!CANONICAL.matcher(raw).matches()) {
      violations.add(field, "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000");
      return Optional.empty();
    }
    return Optional.of(UUID.fromString(raw));
  }
}
