package io.cqrsshop.testing;

/**
 * A PostgreSQL database of a test's own (see {@link StackExtension} for its scope), dropped after
 * it with every session still connected. {@link #user()} and {@link #password()} are the runtime
 * role's (command-service's); the schema is the {@link #owner()}'s, who runs the migrations (see
 * {@link TestPostgres} for the roles).
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

  /** The schema owner's login: migrations run as it. */
  public TestPostgres.Login owner() {
    return database.owner();
  }

  /** The operator tool's login. */
  public TestPostgres.Login admin() {
    return database.admin();
  }

  /** A superuser's login, for what no role of the system may do. */
  public TestPostgres.Login superuser() {
    return database.superuser();
  }

  @Override
  protected void stop() {
    database.drop();
  }
}
