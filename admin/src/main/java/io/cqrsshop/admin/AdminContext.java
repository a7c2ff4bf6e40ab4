package io.cqrsshop.admin;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.cqrsshop.projector.application.EventInterpreter;
import io.cqrsshop.projector.application.ReplayingParkedEvents;
import io.cqrsshop.projector.infrastructure.ElasticsearchIndexAdmin;
import io.cqrsshop.projector.infrastructure.ElasticsearchParkedEvents;
import io.cqrsshop.projector.infrastructure.ElasticsearchReadModelStore;
import io.cqrsshop.projector.infrastructure.ElasticsearchRebuildRecords;
import io.cqrsshop.projector.projection.EventProjection;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModelIndices;
import io.cqrsshop.readmodel.ReadModelSchemas;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;

/**
 * What the commands work with, opened on first use and closed when the tool exits: the stores of
 * the read side (the projector's own adapters, so that the tool and the projector agree on every
 * name and shape) and, for the commands that need it, the write model's database.
 */
public final class AdminContext implements AutoCloseable {

  private final AdminConfig config;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private ElasticsearchClient elasticsearch;
  private Connection database;

  public AdminContext(AdminConfig config, PrintWriter out, PrintWriter err, Clock clock) {
    this.config = config;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public Clock clock() {
    return clock;
  }

  public AdminConfig config() {
    return config;
  }

  public IndexNames names() {
    return config.indexNames();
  }

  public synchronized ElasticsearchClient elasticsearch() {
    if (elasticsearch == null) {
      elasticsearch = ElasticsearchClients.create(config.elasticsearch());
    }
    return elasticsearch;
  }

  public ReadModelIndices indices() {
    return new ReadModelIndices(elasticsearch(), names(), config.indexSettings());
  }

  public ElasticsearchRebuildRecords rebuilds() {
    return new ElasticsearchRebuildRecords(elasticsearch(), names());
  }

  public ElasticsearchParkedEvents parked() {
    return new ElasticsearchParkedEvents(elasticsearch(), names());
  }

  public ElasticsearchReadModelStore store() {
    return new ElasticsearchReadModelStore(elasticsearch(), names());
  }

  /** This build's reading of events: the same as a projector of this build. */
  public EventInterpreter interpreter() {
    return new EventInterpreter(EventProjection.standard(), ReadModelSchemas.standard(), clock);
  }

  public ReplayingParkedEvents replaying() {
    return new ReplayingParkedEvents(
        parked(),
        interpreter(),
        store(),
        new ElasticsearchIndexAdmin(indices()),
        rebuilds(),
        clock);
  }

  /** The write model's database, read only. */
  public synchronized Connection database() throws SQLException {
    if (database == null) {
      database =
          DriverManager.getConnection(config.dbUrl(), config.dbUser(), config.dbPassword().value());
      database.setReadOnly(true);
    }
    return database;
  }

  @Override
  public void close() throws Exception {
    if (database != null) {
      database.close();
    }
    if (elasticsearch != null) {
      elasticsearch._transport().close();
    }
    out.flush();
    err.flush();
  }
}
