package io.cqrsshop.command.infrastructure.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * The write-only statements of one transaction (state updates, event and history inserts, the
 * stored result), held back and sent to PostgreSQL together, as one multi-statement request that
 * costs one round trip, instead of one round trip each. They run in the order they were added, as
 * separate statements, so each sees the effects of the ones before it.
 *
 * <p>Nothing is lost by holding them: they are sent before any other statement of the transaction
 * runs (a statement customizer on the handle flushes them first), so the transaction reads its own
 * writes as before, and before the commit. Appending events flushes at once, so that events still
 * take their positions while the transaction is open. A write that fails, or that changes another
 * number of rows than it expects, fails the statement that flushed it, inside the transaction,
 * which is then rolled back as before.
 */
final class DeferredWrites {

  /** A named parameter (not a {@code ::type} cast). */
  private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(\\w+)");

  /** The statement texts and positions are few; each renaming is made once, not per call. */
  private static final Map<Renaming, String> RENAMED = new ConcurrentHashMap<>();

  private record Renaming(String sql, int index) {}

  /** One held-back statement and its named parameters. */
  static final class Write {
    private final String sql;
    private final String what;
    private final Map<String, Object> bindings = new HashMap<>();

    private Write(String sql, String what) {
      this.sql = sql;
      this.what = what;
    }

    /** Binds a named parameter, as {@code Handle.createUpdate(sql).bind} would; null is allowed. */
    Write bind(String name, Object value) {
      bindings.put(name, value);
      return this;
    }
  }

  private final Handle handle;
  private final List<Write> writes = new ArrayList<>();
  private boolean flushing;

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
    Write write = new Write(sql, what);
    writes.add(write);
    return write;
  }

  /** Sends every held-back write in one request, and checks that each changed one row. */
  void flush() {
    if (writes.isEmpty() || flushing) {
      return;
    }
    flushing = true;
    try {
      List<Write> sent = List.copyOf(writes);
      writes.clear();
      StringBuilder sql = new StringBuilder();
      Map<String, Object> bindings = new HashMap<>();
      for (int i = 0; i < sent.size(); i++) {
        String prefix = "w" + i + "_";
        Write write = sent.get(i);
        if (i > 0) {
          sql.append(";\n");
        }
        sql.append(RENAMED.computeIfAbsent(new Renaming(write.sql, i), DeferredWrites::renamed));
        write.bindings.forEach((name, value) -> bindings.put(prefix + name, value));
      }
      List<Integer> counts =
          handle
              .createUpdate(sql.toString())
              .bindMap(bindings)
              .execute((statement, context) -> updateCounts(statement.get()));
      if (counts.size() != sent.size()) {
        throw new IllegalStateException(
            "deferred writes returned " + counts.size() + " counts for " + sent.size());
      }
      for (int i = 0; i < sent.size(); i++) {
        Rows.expectOne(counts.get(i), sent.get(i).what);
      }
    } finally {
      flushing = false;
    }
  }

  private static String renamed(Renaming renaming) {
    Matcher parameters = PARAMETER.matcher(renaming.sql());
    return parameters.replaceAll(":w" + renaming.index() + "_$1");
  }

  /** The update count of each statement of an executed multi-statement request, in order. */
  private static List<Integer> updateCounts(Statement statement) throws SQLException {
    List<Integer> counts = new ArrayList<>();
    while (true) {
      int count = statement.getUpdateCount();
      if (count == -1) {
        return counts;
      }
      counts.add(count);
      statement.getMoreResults();
    }
  }
}
