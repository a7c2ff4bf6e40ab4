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
 * {@link #createDatabase()}.
 */
public final class TestPostgres {

  private static Server server;

  private TestPostgres() {}

  /** Creates an empty database; drop it with {@link PostgresDatabase#drop()} when done. */
  public static PostgresDatabase createDatabase() {
    Server admin = server();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection =
            DriverManager.getConnection(admin.adminUrl(), admin.user(), admin.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    String url = admin.adminUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
    return new PostgresDatabase(name, url, admin.user(), admin.password(), admin);
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
    }
    return server;
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

  /** One test database: its JDBC URL and credentials. */
  public record PostgresDatabase(
      String name, String url, String user, String password, Server server) {

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
