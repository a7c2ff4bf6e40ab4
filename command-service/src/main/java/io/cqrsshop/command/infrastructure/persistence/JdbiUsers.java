package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.command.application.Users;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.command.domain.user.EmailChange;
import io.cqrsshop.command.domain.user.User;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Users in the {@code users} table, their past addresses in {@code user_email_history}. The partial
 * unique index {@code users_live_email} decides races for an address: the loser waits for the
 * winner's commit and then finds the address taken.
 */
final class JdbiUsers implements Users {

  private static final String LIVE_EMAIL_INDEX = "users_live_email";
  private static final String SELECT =
      "SELECT id, email, name, deleted, created_at, updated_at, version FROM users WHERE id = :id";
  private static final String HISTORY =
      "SELECT email, changed_at FROM user_email_history WHERE user_id = :id ORDER BY seq";

  private final Handle handle;

  JdbiUsers(Handle handle) {
    this.handle = handle;
  }

  @Override
  public boolean add(User user) {
    boolean added =
        handle
                .createUpdate(
                    "INSERT INTO users (id, email, name, deleted, created_at, updated_at, version)"
                        + " VALUES (:id, :email, :name, :deleted, :created_at, :updated_at,"
                        + " :version) ON CONFLICT DO NOTHING")
                .bind("id", user.id())
                .bind("email", user.email().value())
                .bind("name", user.name())
                .bind("deleted", user.deleted())
                .bind("created_at", user.createTime())
                .bind("updated_at", user.updateTime())
                .bind("version", user.version())
                .execute()
            == 1;
    if (added) {
      insertHistory(user, 0);
    }
    return added;
  }

  @Override
  public Optional<User> lock(UUID id) {
    return find(id, "FOR UPDATE");
  }

  @Override
  public Optional<User> lockShared(UUID id) {
    return find(id, "FOR SHARE");
  }

  @Override
  public boolean update(User user) {
    try {
      Rows.expectOne(
          handle
              .createUpdate(
                  "UPDATE users SET email = :email, name = :name, deleted = :deleted,"
                      + " updated_at = :updated_at, version = :version"
                      + " WHERE id = :id AND version = :version - 1")
              .bind("id", user.id())
              .bind("email", user.email().value())
              .bind("name", user.name())
              .bind("deleted", user.deleted())
              .bind("updated_at", user.updateTime())
              .bind("version", user.version())
              .execute(),
          "user update");
    } catch (UnableToExecuteStatementException e) {
      if (PostgresErrors.isUniqueViolation(e, LIVE_EMAIL_INDEX)) {
        return false;
      }
      throw e;
    }
    // A command adds at most one address, always at the end of the history.
    insertHistory(user, user.emailHistory().size() - 1);
    return true;
  }

  /**
   * The user row, locked, and its past addresses, read in one request: two statements, so that the
   * history is read after the lock is granted, as a statement of its own would be.
   */
  private Optional<User> find(UUID id, String lock) {
    return handle
        .createQuery(SELECT + " " + lock + ";\n" + HISTORY)
        .bind("id", id)
        .execute(
            (statement, context) -> {
              try (context) {
                PreparedStatement executed = statement.get();
                Optional<User> user = user(executed.getResultSet());
                executed.getMoreResults();
                List<EmailChange> history = history(executed.getResultSet());
                return user.map(found -> withHistory(found, history));
              }
            });
  }

  private static Optional<User> user(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      return Optional.empty();
    }
    return Optional.of(
        new User(
            Rows.uuid(rs, "id"),
            new Email(rs.getString("email")),
            rs.getString("name"),
            List.of(),
            rs.getBoolean("deleted"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "updated_at"),
            rs.getLong("version")));
  }

  private static List<EmailChange> history(ResultSet rs) throws SQLException {
    List<EmailChange> history = new ArrayList<>();
    while (rs.next()) {
      history.add(
          new EmailChange(new Email(rs.getString("email")), Rows.instant(rs, "changed_at")));
    }
    return history;
  }

  private void insertHistory(User user, int from) {
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO user_email_history (user_id, seq, email, changed_at)"
                + " VALUES (:user_id, :seq, :email, :changed_at)"
                + " ON CONFLICT (user_id, seq) DO NOTHING");
    List<EmailChange> history = user.emailHistory();
    for (int seq = from; seq < history.size(); seq++) {
      batch
          .bind("user_id", user.id())
          .bind("seq", seq)
          .bind("email", history.get(seq).email().value())
          .bind("changed_at", history.get(seq).changeTime())
          .add();
    }
    batch.execute();
  }

  private static User withHistory(User user, List<EmailChange> history) {
    return new User(
        user.id(),
        user.email(),
        user.name(),
        history,
        user.deleted(),
        user.createTime(),
        user.updateTime(),
        user.version());
  }
}
