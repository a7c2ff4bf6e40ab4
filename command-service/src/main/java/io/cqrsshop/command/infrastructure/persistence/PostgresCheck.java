package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.runtime.health.DependencyCheck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Readiness probe of the write database. It opens its own short-lived connection rather than
 * borrowing from the pool, so that a pool busy with commands does not look like an outage.
 */
public final class PostgresCheck implements DependencyCheck {

  private final DatabaseSettings settings;

  public PostgresCheck(DatabaseSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public void check() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password().value());
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("socketTimeout", "3");
    try (Connection connection = DriverManager.getConnection(settings.url(), properties);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    }
  }
}
