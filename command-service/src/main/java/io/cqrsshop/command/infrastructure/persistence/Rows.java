package io.cqrsshop.command.infrastructure.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Typed reads of the column types the write model uses. */
final class Rows {

  private Rows() {}

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** Fails loudly when an update that the caller's lock guarantees did not happen. */
  static void expectOne(int updated, String what) {
    if (updated != 1) {
      throw new IllegalStateException(what + " changed " + updated + " rows instead of 1");
    }
  }
}
