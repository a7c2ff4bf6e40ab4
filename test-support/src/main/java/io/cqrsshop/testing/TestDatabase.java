package io.cqrsshop.testing;

/**
 * A PostgreSQL database of a test's own (see {@link StackExtension} for its scope), dropped after
 * it with every session still connected.
 */
public final class TestDatabase extends StackExtension {

  private final TestPostgres.PostgresDatabase database = TestPostgres.createDatabase();

  public String url() {
    return database.url();
  }

  public String user() {
    return database.user();
  }

  public String password() {
    return database.password();
  }

  @Override
  protected void stop() {
    database.drop();
  }
}
