package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.runtime.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write model's schema, kept by Flyway under three roles: the owner role runs the migrations
 * and owns every table; the runtime role that serves commands gets only the rights it needs (it can
 * insert events but never change or delete one, apart from the outbox's bookkeeping columns); the
 * operator tool's role reads, and may put set-aside events back. The grants live in {@code
 * db/grants.sql}, run after every migration, so that they follow each new table.
 *
 * <p>The service itself only checks that the schema is current ({@link #requireCurrent}): a process
 * serving clients never holds the owner's credentials, unless it is told to migrate at start (local
 * development).
 */
public final class SchemaMigration {

  private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

  /**
   * Who migrates, and whom the migration grants rights to.
   *
   * @param url the database
   * @param owner the role that owns the schema and runs the migrations
   * @param ownerPassword its password
   * @param runtimeUser the role command-service serves with (granted its DML)
   * @param adminUser the operator tool's role (granted reads); skipped when no such role exists
   */
  public record Settings(
      String url, String owner, Secret ownerPassword, String runtimeUser, String adminUser) {}

  private static final String GRANTS = resource("/db/grants.sql");

  private SchemaMigration() {}

  /** Brings the schema up to date and grants the roles their rights; returns the new version. */
  public static String migrate(Settings settings) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(settings.url(), settings.owner(), settings.ownerPassword().value())
            .load();
    MigrateResult result = flyway.migrate();
    grant(flyway.getConfiguration().getDataSource(), settings);
    String version =
        Optional.ofNullable(result.targetSchemaVersion).orElse(result.initialSchemaVersion);
    log.info(
        "schema at version {} ({} migrations applied as {}; rights granted to {} and, when it"
            + " exists, {})",
        version,
        result.migrationsExecuted,
        settings.owner(),
        settings.runtimeUser(),
        settings.adminUser());
    return version;
  }

  private static void grant(DataSource owner, Settings settings) {
    try (Connection connection = owner.getConnection()) {
      connection.setAutoCommit(false);
      // The role names reach the script as settings of this transaction, never as SQL text.
      try (PreparedStatement names =
          connection.prepareStatement(
              "SELECT set_config('cqrsshop.runtime_user', ?, true),"
                  + " set_config('cqrsshop.admin_user', ?, true)")) {
        names.setString(1, settings.runtimeUser());
        names.setString(2, settings.adminUser());
        names.execute();
      }
      try (Statement grants = connection.createStatement()) {
        grants.execute(GRANTS);
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot grant the roles their rights: " + e.getMessage(), e);
    }
  }

  /**
   * Fails when a migration of this build has not run yet, naming the step that runs it: a service
   * must not serve against a schema older than its code.
   */
  public static void requireCurrent(DatabaseSettings settings) {
    // Flyway's own connections, not the service's pool: it needs two at once.
    MigrationInfo[] pending =
        Flyway.configure()
            .dataSource(settings.url(), settings.user(), settings.password().value())
            .load()
            .info()
            .pending();
    if (pending.length > 0) {
      throw new IllegalStateException(
          "the database schema lacks "
              + pending.length
              + " migration(s) of this build ("
              + String.join(", ", Arrays.stream(pending).map(m -> "V" + m.getVersion()).toList())
              + "): run 'command-service migrate' with the schema owner's credentials"
              + " (COMMAND_DB_MIGRATION_USER, COMMAND_DB_MIGRATION_PASSWORD), or set them for"
              + " the service to migrate at start");
    }
  }

  private static String resource(String name) {
    try (InputStream in = SchemaMigration.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }
}
