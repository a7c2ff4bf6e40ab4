package io.cqrsshop.shared;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a command or query was not carried out, as a value rather than an exception.
 *
 * <p>The variants are the categories a client must tell apart (fix the input, the thing is missing,
 * a rule forbids it, retry later...); each service's API layer translates them to its wire protocol
 * in one place. Every variant but {@link InvalidInput} carries a machine-readable {@code reason} in
 * UPPER_SNAKE_CASE (for example {@code INSUFFICIENT_STOCK}) and metadata naming the offending item
 * where there is one.
 */
public sealed interface Rejection {

  /** Human-readable explanation, safe to show to the caller. */
  String message();

  /** One or more request fields are malformed; nothing was attempted. */
  record InvalidInput(List<FieldViolation> violations) implements Rejection {
    public InvalidInput {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("an invalid input names at least one field");
      }
    }

    public static InvalidInput of(String field, String description) {
      return new InvalidInput(List.of(new FieldViolation(field, description)));
    }

    @Override
    public String message() {
      return violations.size() == 1
          ? violations.getFirst().field() + ": " + violations.getFirst().description()
          : violations.size() + " invalid fields";
    }
  }

  /** The thing addressed (or one it refers to) does not exist. */
  record NotFound(String reason, String message, Map<String, String> metadata)
      implements Rejection {
    public NotFound {
      metadata = Map.copyOf(metadata);
    }

    public NotFound(String reason, String message) {
      this(reason, message, Map.of());
    }
  }

  /** Creating the thing would duplicate one that exists (a unique key is taken). */
  record AlreadyExists(String reason, String message, Map<String, String> metadata)
      implements Rejection {
    public AlreadyExists {
      metadata = Map.copyOf(metadata);
    }

    public AlreadyExists(String reason, String message) {
      this(reason, message, Map.of());
    }
  }

  /** A business rule forbids the change in the current state. */
  record RuleViolation(String reason, String message, Map<String, String> metadata)
      implements Rejection {
    public RuleViolation {
      metadata = Map.copyOf(metadata);
    }

    public RuleViolation(String reason, String message) {
      this(reason, message, Map.of());
    }
  }

  /** The caller's expected version is not the current one; re-read and retry. */
  record VersionConflict(String aggregate, long expectedVersion, long actualVersion)
      implements Rejection {
    @Override
    public String message() {
      return aggregate
          + " is at version "
          + actualVersion
          + ", the request expected version "
          + expectedVersion;
    }
  }

  /** Cannot be answered now but may be later (for example a read model is behind). */
  record Unavailable(String reason, String message, Map<String, String> metadata)
      implements Rejection {
    public Unavailable {
      metadata = Map.copyOf(metadata);
    }
  }

  /** The caller's deadline passed before the answer was ready. */
  record DeadlineExceeded(String reason, String message, Map<String, String> metadata)
      implements Rejection {
    public DeadlineExceeded {
      metadata = Map.copyOf(metadata);
    }
  }

  /** One malformed field: its path in the request (for example {@code lines[2].quantity}). */
  /** The caller is not known: no credentials, or credentials that do not prove who it is. */
  record Unauthenticated(String reason, String message) implements Rejection {}

  /** The caller is known but may not do this. */
  record PermissionDenied(String reason, String message, Map<String, String> metadata)
      implements Rejection {}

  /** The caller holds more of a limited resource than it may (calls in flight, for example). */
  record ResourceExhausted(String reason, String message, Map<String, String> metadata)
      implements Rejection {
    public ResourceExhausted {
      metadata = Map.copyOf(metadata);
    }
  }

  record FieldViolation(String field, String description) {
    public FieldViolation {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(description, "description");
    }
  }
}
