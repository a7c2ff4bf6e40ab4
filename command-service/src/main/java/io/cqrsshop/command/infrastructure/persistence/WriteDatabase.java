package io.cqrsshop.command.infrastructure.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.cqrsshop.runtime.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;

/**
 * The write model's PostgreSQL database: a HikariCP pool (with its metrics), on a schema that must
 * be current (see {@link SchemaMigration}), and Jdbi on top (with a span for each statement of a
 * traced call, when tracing is on).
 */
public final class WriteDatabase implements AutoCloseable {

  /**
   * How long a command waits for a pooled connection before it is answered UNAVAILABLE: long enough
   * to ride out a burst, short enough that a client with a 5 s deadline learns of an outage as
   * UNAVAILABLE rather than DEADLINE_EXCEEDED.
   */
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

  private final HikariDataSource pool;
  private final Jdbi jdbi;

  private WriteDatabase(HikariDataSource pool, OpenTelemetry openTelemetry) {
    this.pool = pool;
    this.jdbi =
        Jdbi.create(Tracing.isOn(openTelemetry) ? new TracedDataSource(pool, openTelemetry) : pool);
    // A transaction left open because its connection died must not turn into a second error.
    jdbi.getConfig(Handles.class).setForceEndTransactions(false);
  }

  /**
   * Opens the pool; fails when the database cannot be reached or its schema lacks a migration of
   * this build.
   */
  public static WriteDatabase open(
      DatabaseSettings settings, MeterRegistry registry, OpenTelemetry openTelemetry) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("command-db");
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password().value());
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    HikariDataSource pool = new HikariDataSource(config);
    try {
      SchemaMigration.requireCurrent(settings);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new WriteDatabase(pool, openTelemetry);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() {
    pool.close();
  }
}
