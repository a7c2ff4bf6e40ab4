package io.cqrsshop.admin.drift;

import io.cqrsshop.shared.AggregateType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the write model in id order, a page at a time (keyset pagination: each page costs the same,
 * whatever the size of the table), with each aggregate's latest event.
 */
final class WriteModelReader {

  static final int PAGE = 1_000;

  private final Connection connection;
  private final AggregateType type;
  private final String table;

  WriteModelReader(Connection connection, AggregateType type) {
    this.connection = connection;
    this.type = type;
    this.table =
        switch (type) {
          case PRODUCT -> "products";
          case USER -> "users";
          case ORDER -> "orders";
        };
  }

  long count() throws SQLException {
    try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table);
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  /** The next page of aggregates after {@code afterId} (empty string for the first page). */
  List<WriteModelAggregate> page(String afterId) throws SQLException {
    List<String> ids = new ArrayList<>();
    Map<String, Long> versions = new HashMap<>();
    String sql =
        afterId.isEmpty()
            ? "SELECT id::text, version FROM " + table + " ORDER BY id LIMIT " + PAGE
            : "SELECT id::text, version FROM "
                + table
                + " WHERE id > ?::uuid ORDER BY id LIMIT "
                + PAGE;
    try (PreparedStatement page = connection.prepareStatement(sql)) {
      if (!afterId.isEmpty()) {
        page.setString(1, afterId);
      }
      try (ResultSet result = page.executeQuery()) {
        while (result.next()) {
          ids.add(result.getString(1));
          versions.put(result.getString(1), result.getLong(2));
        }
      }
    }
    Map<String, WriteModelAggregate> latest = latest(ids, versions);
    return ids.stream().map(latest::get).toList();
  }

  /** The aggregates of these ids as they are now; absent ones are not in the write model. */
  Map<String, WriteModelAggregate> now(List<String> ids) throws SQLException {
    Map<String, Long> versions = new HashMap<>();
    try (PreparedStatement current =
        connection.prepareStatement(
            "SELECT id::text, version FROM " + table + " WHERE id = ANY(?::uuid[])")) {
      current.setArray(1, connection.createArrayOf("text", ids.toArray()));
      try (ResultSet result = current.executeQuery()) {
        while (result.next()) {
          versions.put(result.getString(1), result.getLong(2));
        }
      }
    }
    return latest(List.copyOf(versions.keySet()), versions);
  }

  /** Every event of one aggregate, oldest first: its id and payload. */
  List<Map.Entry<String, byte[]>> events(String id) throws SQLException {
    List<Map.Entry<String, byte[]>> events = new ArrayList<>();
    try (PreparedStatement all =
        connection.prepareStatement(
            "SELECT event_id::text, payload FROM events WHERE aggregate_type = ? AND aggregate_id = ?::uuid"
                + " ORDER BY aggregate_version")) {
      all.setString(1, type.code());
      all.setString(2, id);
      try (ResultSet result = all.executeQuery()) {
        while (result.next()) {
          events.add(Map.entry(result.getString(1), result.getBytes(2)));
        }
      }
    }
    return events;
  }

  private Map<String, WriteModelAggregate> latest(List<String> ids, Map<String, Long> versions)
      throws SQLException {
    Map<String, WriteModelAggregate> latest = new HashMap<>();
    if (ids.isEmpty()) {
      return latest;
    }
    Array array = connection.createArrayOf("text", ids.toArray());
    try (PreparedStatement events =
        connection.prepareStatement(
            "SELECT DISTINCT ON (aggregate_id) aggregate_id::text, event_id::text, payload FROM events"
                + " WHERE aggregate_type = ? AND aggregate_id = ANY(?::uuid[])"
                + " ORDER BY aggregate_id, aggregate_version DESC")) {
      events.setString(1, type.code());
      events.setArray(2, array);
      try (ResultSet result = events.executeQuery()) {
        while (result.next()) {
          String id = result.getString(1);
          latest.put(
              id,
              new WriteModelAggregate(
                  id, versions.get(id), result.getString(2), result.getBytes(3)));
        }
      }
    }
    for (String id : ids) {
      latest.putIfAbsent(id, new WriteModelAggregate(id, versions.get(id), "", new byte[0]));
    }
    return latest;
  }

  /** For the history: per aggregate, how many events and the highest version, in id order. */
  record EventCount(String id, long events, long maxVersion) {}

  List<EventCount> eventCounts(String afterId) throws SQLException {
    List<EventCount> counts = new ArrayList<>();
    String sql =
        "SELECT aggregate_id::text, count(*), max(aggregate_version) FROM events WHERE aggregate_type = ?"
            + (afterId.isEmpty() ? "" : " AND aggregate_id > ?::uuid")
            + " GROUP BY aggregate_id ORDER BY aggregate_id LIMIT "
            + PAGE;
    try (PreparedStatement page = connection.prepareStatement(sql)) {
      page.setString(1, type.code());
      if (!afterId.isEmpty()) {
        page.setString(2, afterId);
      }
      try (ResultSet result = page.executeQuery()) {
        while (result.next()) {
          counts.add(new EventCount(result.getString(1), result.getLong(2), result.getLong(3)));
        }
      }
    }
    return counts;
  }

  Optional<EventCount> eventCount(String id) throws SQLException {
    try (PreparedStatement one =
        connection.prepareStatement(
            "SELECT count(*), coalesce(max(aggregate_version), 0) FROM events WHERE aggregate_type = ?"
                + " AND aggregate_id = ?::uuid")) {
      one.setString(1, type.code());
      one.setString(2, id);
      try (ResultSet result = one.executeQuery()) {
        result.next();
        return result.getLong(1) == 0
            ? Optional.empty()
            : Optional.of(new EventCount(id, result.getLong(1), result.getLong(2)));
      }
    }
  }

  String table() {
    return table;
  }
}
