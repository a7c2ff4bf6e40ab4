package io.cqrsshop.command.infrastructure.persistence;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool with a span for each statement and commit (the maintained JDBC instrumentation, SQL
 * without its values), but only for connections taken inside a span, that is within a traced call.
 * The housekeeping's counts and purges run outside any, and would otherwise start a root trace of
 * their own every few seconds.
 */
final class TracedDataSource implements DataSource {

  private final DataSource plain;
  private final DataSource traced;

  TracedDataSource(DataSource plain, OpenTelemetry openTelemetry) {
    this.plain = plain;
    this.traced =
        JdbcTelemetry.builder(openTelemetry)
            .setTransactionInstrumenterEnabled(true)
            .build()
            .wrap(plain);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return source().getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return source().getConnection(username, password);
  }

  private DataSource source() {
    return Span.current().getSpanContext().isValid() ? traced : plain;
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return plain.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    plain.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    plain.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return plain.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return plain.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return plain.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return plain.isWrapperFor(type);
  }
}
