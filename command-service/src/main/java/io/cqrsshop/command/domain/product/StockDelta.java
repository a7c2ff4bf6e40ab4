package io.cqrsshop.command.domain.product;

import io.cqrsshop.shared.Violations;
import java.util.Optional;

/** Rules for the stock numbers clients send. */
public final class StockDelta {

  /** The most units a single request may put on hand or move. */
  public static final long MAX_UNITS = 1_000_000_000L;

  private StockDelta() {}

  public static Optional<Long> initialStock(long raw, String field, Violations violations) {
    return violations.require(raw >= 0 && raw <= MAX_UNITS, field, "must be 0 to " + MAX_UNITS)
        ? Optional.of(raw)
        : Optional.empty();
  }

  /** A signed adjustment: non-zero, at most {@link #MAX_UNITS} either way. */
  public static Optional<Long> adjustment(long raw, String field, Violations violations) {
    return violations.require(
            raw != 0 && raw >= -MAX_UNITS && raw <= MAX_UNITS,
            field,
            "must be non-zero and between -" + MAX_UNITS + " and " + MAX_UNITS)
        ? Optional.of(raw)
        : Optional.empty();
  }
}
