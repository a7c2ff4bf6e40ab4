package io.cqrsshop.command.domain;

import io.cqrsshop.shared.Rejection;
import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.OptionalLong;

/** The version a client believes an aggregate is at; absent means "whatever it is now". */
public record ExpectedVersion(OptionalLong value) {

  private static final ExpectedVersion ANY = new ExpectedVersion(OptionalLong.empty());

  public static ExpectedVersion any() {
    return ANY;
  }

  public static ExpectedVersion of(long version) {
    return new ExpectedVersion(OptionalLong.of(version));
  }

  /** From a request's proto3 {@code optional int64 expected_version}. */
  public static Optional<ExpectedVersion> parse(
      boolean present, long raw, String field, Violations violations) {
    if (!present) {
      return Optional.of(ANY);
    }
    return violations.require(raw >= 1, field, "must be at least 1 when set")
        ? Optional.of(of(raw))
        : Optional.empty();
  }

  /** The conflict to report when the aggregate is at {@code actual} instead. */
  public Optional<Rejection> conflictWith(String aggregate, long actual) {
    if (value.isPresent() && value.getAsLong() != actual) {
      return Optional.of(new Rejection.VersionConflict(aggregate, value.getAsLong(), actual));
    }
    return Optional.empty();
  }
}
