package io.cqrsshop.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Collects every malformed field of a request, so the caller learns about all of them at once.
 *
 * <p>A field is reported once, with the first problem found: a request is checked by more than one
 * rule (the text rule every string obeys, then the field's own), and one violation per bad field is
 * what a client can act on.
 */
public final class Violations {

  private final Map<String, Rejection.FieldViolation> found = new LinkedHashMap<>();

  /** Records a violation of {@code field} unless {@code valid} holds; returns {@code valid}. */
  public boolean require(boolean valid, String field, String description) {
    if (!valid) {
      add(field, description);
    }
    return valid;
  }

  /** Records a violation of {@code field}, unless it already has one. */
  public void add(String field, String description) {
    found.putIfAbsent(field, new Rejection.FieldViolation(field, description));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** The rejection to return when anything was found. */
  public Optional<Rejection.InvalidInput> rejection() {
    return found.isEmpty()
        ? Optional.empty()
        : Optional.of(new Rejection.InvalidInput(found.values().stream().toList()));
  }
}
