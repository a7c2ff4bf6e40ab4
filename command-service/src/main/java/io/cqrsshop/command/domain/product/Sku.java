package io.cqrsshop.command.domain.product;

import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.regex.Pattern;

/** A stock-keeping unit: 1-64 characters of {@code [A-Za-z0-9._-]}, unique across products. */
public record Sku(String value) {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public Sku {
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed SKU");
    }
  }

  public static Optional<Sku> parse(String raw, String field, Violations violations) {
    if (raw.isEmpty()) {
      violations.add(field, "is required");
      return Optional.empty();
    }
    return violations.require(
            FORMAT.matcher(raw).matches(),
            field,
            "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'")
        ? Optional.of(new Sku(raw))
        : Optional.empty();
  }
}
