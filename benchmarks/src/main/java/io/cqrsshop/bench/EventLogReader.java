package io.cqrsshop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads events of this run back from command-service's event log, so that the raw pipeline
 * baselines send exactly the messages (and documents) the relay and projector handled. Read only:
 * it never writes to the shop's database.
 */
final class EventLogReader {

  private final BenchOptions options;

  EventLogReader(BenchOptions options) {
    this.options = options;
  }

  /** How many events of one aggregate type the log holds. */
  long count(String aggregateType) {
    return query(
        "SELECT count(*) FROM events WHERE aggregate_type = ?",
        EventLogReader::firstLong,
        aggregateType);
  }

  /** The newest {@code limit} events of one aggregate type, oldest first. */
  List<LoggedEvent> newest(String aggregateType, int limit) {
    return query(
        "SELECT * FROM (SELECT position, event_id, aggregate_type, aggregate_id,"
            + " aggregate_version, event_type, payload FROM events WHERE aggregate_type = ?"
            + " ORDER BY position DESC LIMIT ?) newest ORDER BY position",
        EventLogReader::events,
        aggregateType,
        limit);
  }

  /** The newest position in the log now. */
  long lastPosition() {
    return query("SELECT coalesce(max(position), 0) FROM events", EventLogReader::firstLong);
  }

  /** The events after {@code after} up to {@code upTo} caused by this run's requests, in order. */
  List<LoggedEvent> between(long after, long upTo, RunNames names) {
    return query(
        "SELECT event_id, aggregate_type, aggregate_id, aggregate_version, event_type,"
            + " payload FROM events WHERE position > ? AND position <= ?"
            + " AND request_id LIKE ? ORDER BY position",
        EventLogReader::events,
        after,
        upTo,
        names.run() + "-%");
  }

  /** What one query's rows are read into. */
  private interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, Rows<T> rows, Object... parameters) {
    try (Connection db =
            DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
        PreparedStatement query = db.prepareStatement(sql)) {
      db.setReadOnly(true);
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = query.executeQuery()) {
        return rows.read(rs);
      }
    } catch (SQLException e) {
      throw new HarnessException(
          "reading the event log at " + options.dbUrl() + " failed: " + e.getMessage(), e);
    }
  }

  private static long firstLong(ResultSet rs) throws SQLException {
    rs.next();
    return rs.getLong(1);
  }

  private static List<LoggedEvent> events(ResultSet rs) throws SQLException {
    List<LoggedEvent> events = new ArrayList<>();
    while (rs.next()) {
      events.add(
          new LoggedEvent(
              rs.getString("event_id"),
              rs.getString("aggregate_type"),
              rs.getString("aggregate_id"),
              rs.getLong("aggregate_version"),
              rs.getString("event_type"),
              rs.getBytes("payload")));
    }
    return events;
  }
}
