package io.cqrsshop.command.infrastructure.persistence;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Recognises the PostgreSQL errors the write model turns into answers. */
final class PostgresErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private PostgresErrors() {}

  /** Whether {@code failure} was caused by a duplicate key in the named constraint or index. */
  static boolean isUniqueViolation(Throwable failure, String constraint) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException psql && UNIQUE_VIOLATION.equals(psql.getSQLState())) {
        ServerErrorMessage message = psql.getServerErrorMessage();
        return message != null && constraint.equals(message.getConstraint());
      }
    }
    return false;
  }
}
