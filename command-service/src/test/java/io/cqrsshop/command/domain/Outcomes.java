package io.cqrsshop.command.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;

/** Unwraps outcomes in tests, failing when they are not what the test expects. */
public final class Outcomes {

  private Outcomes() {}

  public static <T> T success(Outcome<T> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    return ((Outcome.Success<T>) outcome).value();
  }

  public static Rejection rejection(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) outcome).rejection();
  }

  /** The reason of a rejection that has one. */
  public static String reason(Outcome<?> outcome) {
    return switch (rejection(outcome)) {
      case Rejection.RuleViolation r -> r.reason();
      case Rejection.NotFound r -> r.reason();
      case Rejection.AlreadyExists r -> r.reason();
      case Rejection.VersionConflict r -> "VERSION_CONFLICT";
      default -> throw new AssertionError("no reason in " + rejection(outcome));
    };
  }
}
