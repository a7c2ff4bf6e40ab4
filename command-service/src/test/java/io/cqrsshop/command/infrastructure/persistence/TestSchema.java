package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.testing.TestDatabase;

/** Migrates a test database as production does: as the schema owner, granting the roles. */
public final class TestSchema {

  private TestSchema() {}

  public static void migrate(TestDatabase database) {
    SchemaMigration.migrate(
        new SchemaMigration.Settings(
            database.url(),
            database.owner().user(),
            new Secret(database.owner().password()),
            database.user(),
            database.admin().user()));
  }
}
