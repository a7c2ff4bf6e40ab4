package io.cqrsshop.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects every malformed field of a request, so the caller learns about all of them at once. */
public final class Violations {

  private final List<Rejection.FieldViolation> found = new ArrayList<>();

  /** Records a violation of {@code field} unless {@code valid} holds; returns {@code valid}. */
  public boolean require(boolean valid, String field, String description) {
    if (!valid) {
      add(field, description);
    }
    return valid;
  }

  public void add(String field, String description) {
    found.add(new Rejection.FieldViolation(field, description));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** The rejection to return when anything was found. */
  public Optional<Rejection.InvalidInput> rejection() {
    return found.isEmpty() ? Optional.empty() : Optional.of(new Rejection.InvalidInput(found));
  }
}
