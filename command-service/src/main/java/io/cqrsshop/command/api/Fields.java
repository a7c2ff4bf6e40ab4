package io.cqrsshop.command.api;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.shared.Violations;
import java.util.Optional;

/** Field checks that depend on the wire form rather than on the domain. */
final class Fields {

  private Fields() {}

  /** A required {@code Money} message holding a valid price. */
  static Optional<Money> price(
      boolean present, io.cqrsshop.proto.v1.Money raw, String field, Violations violations) {
    if (!present) {
      violations.add(field, "is required");
      return Optional.empty();
    }
    return Money.price(raw.getCurrencyCode(), raw.getAmountMinor(), field, violations);
  }

  /** The {@code optional int64 expected_version} of a command on an existing aggregate. */
  static Optional<ExpectedVersion> expectedVersion(
      boolean present, long raw, Violations violations) {
    return ExpectedVersion.parse(present, raw, "expected_version", violations);
  }

  /** The path of a field inside a repeated message, for example {@code lines[2].quantity}. */
  static String element(String list, int index, String field) {
    return list + "[" + index + "]." + field;
  }
}
