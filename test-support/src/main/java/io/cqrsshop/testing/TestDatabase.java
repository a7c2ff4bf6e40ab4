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

  /**
   * {@link #url()} with the server's certificate verified against its CA and host name ({@code
   * sslmode=verify-full}), as production connects.
   */
  public String verifiedTlsUrl() {
    return url()
        + (url().contains("?") ? "&" : "?")
        + "sslmode=verify-full&sslrootcert="
        + TestPostgres.certificateAuthority();
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
