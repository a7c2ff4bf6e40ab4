package io.cqrsshop.command.infrastructure.persistence;

import io.grpc.Status;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/**
 * Tells a database outage from a bug, so that a client is told UNAVAILABLE (retry with the same
 * request id) rather than INTERNAL when PostgreSQL cannot be reached.
 */
public final class DatabaseFailures {

  /**
   * SQLSTATEs meaning "try again": lost connection (class 08), server shutting down or not ready
   * (57P01-57P03), and serialization failure or deadlock (40001, 40P01).
   */
  private static final Set<String> RETRYABLE_STATES =
      Set.of("57P01", "57P02", "57P03", "40001", "40P01");

  /** What a command is told while the readiness check knows the database is down. */
  public static final Status KNOWN_DOWN =
      Status.UNAVAILABLE.withDescription(
          "the database is unavailable; retry with the same request_id");

  private DatabaseFailures() {}

  public static Optional<Status> classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (isOutage(cause)) {
        return Optional.of(
            Status.UNAVAILABLE
                .withDescription(
                    "the database is unavailable or busy; retry with the same request_id")
                .withCause(failure));
      }
    }
    return Optional.empty();
  }

  private static boolean isOutage(Throwable cause) {
    if (cause instanceof ConnectionException
        || cause instanceof SQLTransientConnectionException
        || cause instanceof SQLNonTransientConnectionException) {
      return true;
    }
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      return sql.getSQLState().startsWith("08") || RETRYABLE_STATES.contains(sql.getSQLState());
    }
    return false;
  }
}
