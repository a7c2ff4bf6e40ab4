package io.cqrsshop.command.domain;

import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns "refused, or else this change" into an {@link Outcome}. */
public final class Decisions {

  private Decisions() {}

  /** The refusal if there is one; otherwise the change, computed only then. */
  public static <T> Outcome<T> unlessRefused(Optional<Rejection> refusal, Supplier<T> change) {
    return refusal
        .<Outcome<T>>map(Outcome::rejected)
        .orElseGet(() -> Outcome.success(change.get()));
  }

  /** The first refusal present, checked in order; empty when none is. */
  @SafeVarargs
  public static Optional<Rejection> firstOf(Supplier<Optional<Rejection>>... checks) {
    for (Supplier<Optional<Rejection>> check : checks) {
      Optional<Rejection> refusal = check.get();
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    return Optional.empty();
  }
}
