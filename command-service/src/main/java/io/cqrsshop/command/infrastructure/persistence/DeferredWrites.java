package io.cqrsshop.command.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The write-only statements of one transaction (state updates, event and history inserts, the
 * stored result), held back and sent to PostgreSQL together, as one multi-statement request that
 * costs one round trip, instead of one round trip each; at the end of a transaction, the {@code
 * COMMIT} travels in the same request. They run in the order they were added, as separate
 * statements, so each sees the effects of the ones before it.
 *
 * <p>Nothing is lost by holding them: they are sent before any other statement of the transaction
 * runs (a statement customizer on the handle flushes them first), so the transaction reads its own
 * writes as before. Each must change exactly one row, and PostgreSQL checks that itself ({@code
 * expect_one_row}, migration V5): a write that fails or changes another number of rows fails the
 * request there, before its {@code COMMIT} can run, and the transaction is rolled back as before.
 *
 * <p>They are bound with plain JDBC rather than through Jdbi: a command's writes have some 30
 * parameters, and Jdbi's per-statement argument lookup cost more CPU than PostgreSQL's execution of
 * them (docs/benchmarks.md). The connection is the handle's, so they run in its transaction.
 */
final class DeferredWrites {

  /** A named parameter (not a {@code ::type} cast). */
  private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(\\w+)");

  /** The statement texts are few; each is turned into its JDBC form once, not per call. */
  private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

  /**
   * A write in its JDBC form: its row count checked by PostgreSQL, its named parameters replaced by
   * {@code ?}, whose names are listed in order, then the one that names the write in errors.
   */
  private record Template(String sql, List<String> parameters) {

    static Template of(String sql) {
      List<String> parameters = new ArrayList<>();
      Matcher matcher = PARAMETER.matcher(sql);
      StringBuilder jdbc = new StringBuilder("WITH changed AS (");
      while (matcher.find()) {
        parameters.add(matcher.group(1));
        matcher.appendReplacement(jdbc, "?");
      }
      matcher.appendTail(jdbc);
      jdbc.append(" RETURNING 1) SELECT expect_one_row(count(*), ?) FROM changed");
      return new Template(jdbc.toString(), List.copyOf(parameters));
    }
  }

  /** One held-back statement and its named parameters. */
  static final class Write {
    private final Template template;
    private final String what;
    private final Map<String, Object> bindings = new HashMap<>();

    private Write(Template template, String what) {
      this.template = template;
      this.what = what;
    }

    /** Binds a named parameter, as {@code Handle.createUpdate(sql).bind} would; null is allowed. */
    Write bind(String name, Object value) {
      bindings.put(name, value);
      return this;
    }

    private int bindTo(PreparedStatement statement, int index) throws SQLException {
      for (String name : template.parameters()) {
        if (!bindings.containsKey(name)) {
          throw new IllegalStateException(what + " has no value for :" + name);
        }
        bindValue(statement, index++, bindings.get(name));
      }
      statement.setString(index++, what);
      return index;
    }
  }

  private final Handle handle;
  private final List<Write> writes = new ArrayList<>();

  private DeferredWrites(Handle handle) {
    this.handle = handle;
  }

  /** Deferred writes for {@code handle}, flushed before every other statement it runs. */
  static DeferredWrites on(Handle handle) {
    DeferredWrites deferred = new DeferredWrites(handle);
    handle.addCustomizer(
        new StatementCustomizer() {
          @Override
          public void beforeExecution(PreparedStatement statement, StatementContext context) {
            deferred.flush();
          }
        });
    return deferred;
  }

  /**
   * Holds back a statement that must change exactly one row, to be bound by the caller; {@code
   * what} names it in errors.
   */
  Write expectOne(String sql, String what) {
    Write write = new Write(TEMPLATES.computeIfAbsent(sql, Template::of), what);
    writes.add(write);
    return write;
  }

  /** Sends every held-back write in one request. */
  void flush() {
    if (!writes.isEmpty()) {
      send(false);
    }
  }

  /**
   * Commits the transaction: sends every held-back write and the {@code COMMIT} in one request, or
   * only commits when nothing is held back.
   */
  void commit() {
    if (!writes.isEmpty()) {
      send(true);
    }
    // After a COMMIT sent in the request, pgjdbc finds no transaction open and sends nothing; the
    // call still ends the transaction for Jdbi and the pool.
    handle.commit();
  }

  private void send(boolean withCommit) {
    List<Write> sent = List.copyOf(writes);
    writes.clear();
    StringBuilder sql = new StringBuilder();
    for (Write write : sent) {
      sql.append(write.template.sql()).append(";\n");
    }
    if (withCommit) {
      sql.append("COMMIT");
    }
    Connection connection = handle.getConnection();
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int index = 1;
      for (Write write : sent) {
        index = write.bindTo(statement, index);
      }
      // pgjdbc reads the answers to the whole request here and throws the first error.
      statement.execute();
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          "held-back writes failed: " + sent.stream().map(write -> write.what).toList(), e, null);
    }
  }

  /** The JDBC binding of each value type the write model's statements use. */
  private static void bindValue(PreparedStatement statement, int index, Object value)
      throws SQLException {
    switch (value) {
      case null -> statement.setNull(index, Types.OTHER);
      case String text -> statement.setString(index, text);
      case Long number -> statement.setLong(index, number);
      case Integer number -> statement.setInt(index, number);
      case UUID id -> statement.setObject(index, id);
      case Instant instant ->
          statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      case byte[] bytes -> statement.setBytes(index, bytes);
      default ->
          throw new IllegalArgumentException(
              "no JDBC binding for " + value.getClass().getName() + " at parameter " + index);
    }
  }
}
