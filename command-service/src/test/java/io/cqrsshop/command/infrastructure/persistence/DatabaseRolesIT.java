package io.cqrsshop.command.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.testing.TestDatabase;
import io.cqrsshop.testing.TestPostgres.Login;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rights each role has after the migrations (db/grants.sql): the runtime role appends to the
 * event log but cannot change or delete an event, the operator tool's role reads, and neither can
 * change the schema.
 */
class DatabaseRolesIT {

  @RegisterExtension static final TestDatabase database = new TestDatabase();

  /** PostgreSQL's insufficient_privilege. */
  private static final String DENIED = "42501";

  private static UUID eventId;

  @BeforeAll
  static void migrate() {
    TestSchema.migrate(database);
    eventId = UUID.randomUUID();
    as(runtime())
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO events (event_id, aggregate_type, aggregate_id,"
                        + " aggregate_version, event_type, payload, occurred_at, request_id)"
                        + " VALUES (?, 'product', ?, 1, 'ProductCreated', '\\x00', now(), 'r1')",
                    eventId,
                    UUID.randomUUID()));
  }

  @Test
  void runtimeRole_cannotChangeOrDeleteAnEvent() {
    for (String statement :
        List.of(
            "UPDATE events SET payload = '\\x01'",
            "UPDATE events SET event_type = 'Forged', aggregate_version = 2",
            "DELETE FROM events",
            "TRUNCATE events",
            "DROP TABLE events",
            "ALTER TABLE events DROP COLUMN trace_parent")) {
      assertDenied(runtime(), statement);
    }
    long untouched =
        as(database.superuser())
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT count(*) FROM events WHERE payload = '\\x00'")
                        .mapTo(Long.class)
                        .one());
    assertThat(untouched).isEqualTo(1);
  }

  @Test
  void runtimeRole_marksEventsPublishedOrSetAside() {
    as(runtime())
        .useHandle(
            handle ->
                assertThat(
                        handle.execute(
                            "UPDATE events SET published_at = now(), set_aside_at = NULL,"
                                + " set_aside_reason = NULL WHERE event_id = ?",
                            eventId))
                    .isEqualTo(1));
  }

  @Test
  void runtimeRole_cannotCreateTables() {
    assertDenied(runtime(), "CREATE TABLE sneaky (id int)");
  }

  @Test
  void runtimeRole_hasItsRightsOnEveryTableOfTheWriteModel() {
    // A table added by a migration without its line in db/grants.sql fails here.
    List<String> missing =
        as(database.superuser())
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                                + " AND tablename <> 'flyway_schema_history'"
                                + " AND NOT (has_table_privilege(:role, format('%I.%I', schemaname, tablename), 'SELECT')"
                                + " AND has_table_privilege(:role, format('%I.%I', schemaname, tablename), 'INSERT'))")
                        .bind("role", database.user())
                        .mapTo(String.class)
                        .list());
    assertThat(missing).isEmpty();
  }

  @Test
  void adminRole_readsEverything_changesOnlyTheSetAsideMark() {
    as(database.admin())
        .useHandle(
            handle -> {
              for (String table : tables()) {
                handle.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
              }
              assertThat(
                      handle.execute(
                          "UPDATE events SET set_aside_at = NULL, set_aside_reason = NULL"
                              + " WHERE event_id = ?",
                          eventId))
                  .isEqualTo(1);
            });
    for (String statement :
        List.of(
            "UPDATE events SET payload = '\\x01'",
            "UPDATE events SET published_at = NULL",
            "DELETE FROM events",
            "INSERT INTO command_requests (caller, request_id, fingerprint) VALUES ('', 'x', '\\x00')",
            "UPDATE users SET name = 'x'",
            "DELETE FROM orders")) {
      assertDenied(database.admin(), statement);
    }
  }

  @Test
  void service_refusesToStartOnASchemaThatLacksAMigration() {
    TestDatabase empty = new TestDatabase();
    try {
      assertThatThrownBy(
              () ->
                  WriteDatabase.open(
                      new DatabaseSettings(
                          empty.url(), empty.user(), new Secret(empty.password()), 1),
                      new SimpleMeterRegistry(),
                      OpenTelemetry.noop()))
          .hasMessageContaining("command-service migrate")
          .hasMessageContaining("COMMAND_DB_MIGRATION_USER");
    } finally {
      empty.close();
    }
  }

  private static List<String> tables() {
    return as(database.superuser())
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    .mapTo(String.class)
                    .list());
  }

  private static void assertDenied(Login login, String statement) {
    assertThatThrownBy(() -> as(login).useHandle(handle -> execute(handle, statement)))
        .as(login.user() + ": " + statement)
        .hasRootCauseInstanceOf(SQLException.class)
        .rootCause()
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(DENIED));
  }

  private static void execute(Handle handle, String statement) {
    handle.execute(statement);
  }

  private static Login runtime() {
    return new Login(database.user(), database.password());
  }

  private static Jdbi as(Login login) {
    return Jdbi.create(database.url(), login.user(), login.password());
  }
}
