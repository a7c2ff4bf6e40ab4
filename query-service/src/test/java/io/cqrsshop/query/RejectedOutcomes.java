package io.cqrsshop.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;

/** Asserts that an outcome is a rejection of one kind, and gives it for further assertions. */
public final class RejectedOutcomes {

  private RejectedOutcomes() {}

  public static <R extends Rejection> R rejection(Outcome<?> outcome, Class<R> kind) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    Rejection rejection = ((Outcome.Rejected<?>) outcome).rejection();
    assertThat(rejection).isInstanceOf(kind);
    return kind.cast(rejection);
  }
}
