package io.cqrsshop.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server for integration tests; each test class gets a database of its own via
 * {@link #createDatabase()}, with the roles production uses: the database and its schema belong to
 * {@link #OWNER}, which runs the migrations; command-service serves as {@link #RUNTIME}, and the
 * operator tool works as {@link #ADMIN}, each with only the rights the migrations grant them.
 */
public final class TestPostgres {

  public static final Login OWNER = new Login("cqrsshop_owner", "cqrsshop_owner");
  public static final Login RUNTIME = new Login("cqrsshop", "cqrsshop");
  public static final Login ADMIN = new Login("cqrsshop_admin", "cqrsshop_admin");

  private static Server server;

  private TestPostgres() {}

  /** Creates an empty database; drop it with {@link PostgresDatabase#drop()} when done. */
  public static PostgresDatabase createDatabase() {
    Server admin = server();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection =
            DriverManager.getConnection(admin.adminUrl(), admin.user(), admin.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " OWNER " + OWNER.user());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    String url = admin.adminUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
    return new PostgresDatabase(name, url, admin);
  }

  /**
   * The CA file that signs the test server's certificate ({@code ./dev test} serves TLS with one of
   * its own).
   */
  public static Path certificateAuthority() {
    return TestInfrastructure.env(TestInfrastructure.POSTGRES_CA)
        .map(Path::of)
        .orElseThrow(
            () ->
                // Not TestInfrastructure.missing: a Testcontainers PostgreSQL serves no TLS.
                new IllegalStateException(
                    "The test PostgreSQL's CA certificate is not available to this test: run the"
                        + " tests with ./dev test, which serves TLS with a CA of its own, or set "
                        + TestInfrastructure.POSTGRES_CA
                        + "."));
  }

  private static synchronized Server server() {
    if (server == null) {
      server = locate();
      createRoles(server);
    }
    return server;
  }

  /** The roles are the server's, shared by every test database (and by concurrent test JVMs). */
  private static void createRoles(Server server) {
    try (Connection connection =
            DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
        Statement statement = connection.createStatement()) {
      for (Login login : new Login[] {OWNER, RUNTIME, ADMIN}) {
        statement.execute(
            "DO $$ BEGIN CREATE ROLE "
                + login.user()
                + " LOGIN PASSWORD '"
                + login.password()
                + "'; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test roles", e);
    }
  }

  private static Server locate() {
    var url = TestInfrastructure.env(TestInfrastructure.POSTGRES_URL);
    if (url.isPresent()) {
      return new Server(
          url.get(),
          TestInfrastructure.env(TestInfrastructure.POSTGRES_USER).orElse("postgres"),
          TestInfrastructure.env(TestInfrastructure.POSTGRES_PASSWORD).orElse(""));
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      var container = new PostgreSQLContainer("postgres:15-alpine");
      container.start();
      return new Server(
          container.getJdbcUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/postgres$1"),
          container.getUsername(),
          container.getPassword());
    }
    throw TestInfrastructure.missing("PostgreSQL", TestInfrastructure.POSTGRES_URL);
  }

  record Server(String adminUrl, String user, String password) {}

  /** A role's name and password. */
  public record Login(String user, String password) {}

  /** One test database: its name and JDBC URL. */
  public record PostgresDatabase(String name, String url, Server server) {

    /** The runtime role's (command-service's) user. */
    public String user() {
      return RUNTIME.user();
    }

    public String password() {
      return RUNTIME.password();
    }

    /** The schema owner's login: migrations run as it. */
    public Login owner() {
      return OWNER;
    }

    /** The operator tool's login. */
    public Login admin() {
      return ADMIN;
    }

    /** A superuser's login, for what no role of the system may do (say, simulating a tamperer). */
    public Login superuser() {
      return new Login(server.user(), server.password());
    }

    /** Closes every session still connected to it, then drops it. */
    public void drop() {
      try (Connection connection =
              DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
          Statement statement = connection.createStatement()) {
        statement.execute(
            "DROP DATABASE IF EXISTS " + name.toLowerCase(Locale.ROOT) + " WITH (FORCE)");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop test database " + name, e);
      }
    }
  }
}
