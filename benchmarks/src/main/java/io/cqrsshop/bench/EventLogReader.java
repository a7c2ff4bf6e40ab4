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
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement("SELECT count(*) FROM events WHERE aggregate_type = ?")) {
      query.setString(1, aggregateType);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** The newest {@code limit} events of one aggregate type, oldest first. */
  List<LoggedEvent> newest(String aggregateType, int limit) {
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT * FROM (SELECT position, event_id, aggregate_type, aggregate_id,"
                    + " aggregate_version, event_type, payload FROM events WHERE aggregate_type = ?"
                    + " ORDER BY position DESC LIMIT ?) newest ORDER BY position")) {
      query.setString(1, aggregateType);
      query.setInt(2, limit);
      return read(query);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** The newest position in the log now. */
  long lastPosition() {
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement("SELECT coalesce(max(position), 0) FROM events");
        ResultSet rs = query.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** The events after {@code after} up to {@code upTo} caused by this run's requests, in order. */
  List<LoggedEvent> between(long after, long upTo, RunNames names) {
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT event_id, aggregate_type, aggregate_id, aggregate_version, event_type,"
                    + " payload FROM events WHERE position > ? AND position <= ?"
                    + " AND request_id LIKE ? ORDER BY position")) {
      query.setLong(1, after);
      query.setLong(2, upTo);
      query.setString(3, names.run() + "-%");
      return read(query);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private Connection connect() throws SQLException {
    Connection db =
        DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
    db.setReadOnly(true);
    return db;
  }

  private HarnessException failed(SQLException e) {
    return new HarnessException(
        "reading the event log at " + options.dbUrl() + " failed: " + e.getMessage(), e);
  }

  private static List<LoggedEvent> read(PreparedStatement query) throws SQLException {
    List<LoggedEvent> events = new ArrayList<>();
    try (ResultSet rs = query.executeQuery()) {
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
    }
    return events;
  }
}
