package io.cqrsshop.command.domain.order;

import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.UUID;

/** A line as the customer asks for it: which product and how many. */
public record RequestedLine(UUID productId, long quantity) {

  public static final long MAX_QUANTITY = 10_000;
  public static final int MAX_LINES = 100;

  public static Optional<Long> quantity(long raw, String field, Violations violations) {
    return violations.require(
            raw >= 1 && raw <= MAX_QUANTITY, field, "must be 1 to " + MAX_QUANTITY)
        ? Optional.of(raw)
        : Optional.empty();
  }
}
