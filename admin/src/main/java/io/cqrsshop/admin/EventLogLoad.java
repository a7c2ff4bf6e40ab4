package io.cqrsshop.admin;

import io.cqrsshop.projector.application.Interpretation;
import io.cqrsshop.projector.application.ParkedEvent;
import io.cqrsshop.projector.application.WriteResult;
import io.cqrsshop.projector.application.rebuild.RebuildReason;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchema;
import io.cqrsshop.shared.AggregateType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads a read model's history from PostgreSQL's event log (which keeps every event) into a fresh
 * index, for when the stream no longer holds all of it, then hands the rebuild to the projectors to
 * finish from the stream and swap.
 *
 * <p>Why nothing falls between the two: the load reads one snapshot of the event log, taken at time
 * T. An event is either committed before T (and in the snapshot) or after it, and then published to
 * the stream after T, since the relay publishes only committed events. The projectors go on from
 * the stream's events since T less a margin for clock skew between PostgreSQL and NATS; events seen
 * twice are harmless, documents being versioned.
 */
final class EventLogLoad {

  /** How far before the snapshot the stream is read again, for clock skew between servers. */
  static final Duration SKEW_MARGIN = Duration.ofMinutes(1);

  private static final int FETCH = 2_000;
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final AdminContext context;
  private final ReadModelSchema schema;
  private final String target;
  private final String previous;
  private final Optional<Versioned<RebuildRecord>> existing;
  private final String owner = "admin " + RebuildCommand.operator();

  EventLogLoad(
      AdminContext context,
      ReadModelSchema schema,
      String target,
      String previous,
      Optional<Versioned<RebuildRecord>> existing) {
    this.context = context;
    this.schema = schema;
    this.target = target;
    this.previous = previous;
    this.existing = existing;
  }

  int run() throws Exception {
    ReadModel model = schema.model();
    Instant now = context.clock().instant();
    IndexName name = IndexName.of(context, target);
    RebuildRecord start =
        RebuildRecord.requested(
                model.baseName(),
                target,
                schema.version(),
                name.generation(),
                previous,
                RebuildReason.REPLAYED_FROM_POSTGRES,
                null,
                "loading the history from PostgreSQL's event log",
                now)
            .leasedBy(owner, now.plus(LEASE), now)
            .inState(RebuildState.BUILDING, "loading the history from PostgreSQL's event log", now);
    AtomicReference<Versioned<RebuildRecord>> record = new AtomicReference<>();
    if (existing.isPresent()) {
      record.set(context.rebuilds().replace(existing.get(), start).orElse(null));
    } else if (context.rebuilds().create(start)) {
      record.set(context.rebuilds().get(model.baseName()).orElse(null));
    }
    if (record.get() == null) {
      context
          .err()
          .println("someone else started a rebuild of " + model.baseName() + "; try again");
      return ExitCodes.PROBLEM;
    }
    context.indices().create(schema, target, true);
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
    long[] done = {0};
    long[] total = {0};
    heartbeat.scheduleWithFixedDelay(
        () -> renew(record, done[0], total[0]), 10, 10, TimeUnit.SECONDS);
    try {
      Instant snapshot = load(model, done, total);
      synchronized (record) {
        Instant at = context.clock().instant();
        Versioned<RebuildRecord> current = record.get();
        if (context
            .rebuilds()
            .replace(
                current,
                current
                    .value()
                    .withProgress(done[0], total[0], 0, at)
                    .handedOver(
                        snapshot.minus(SKEW_MARGIN),
                        "loaded "
                            + done[0]
                            + " events from PostgreSQL (snapshot "
                            + snapshot
                            + "); a projector finishes from the stream",
                        at))
            .isEmpty()) {
          context.err().println("the rebuild record changed meanwhile (cancelled?); stopping");
          return ExitCodes.PROBLEM;
        }
      }
      context
          .out()
          .printf(
              "loaded %,d events from PostgreSQL into %s; handing over to a projector%n",
              done[0], target);
      return ExitCodes.OK;
    } catch (LoadFailure failure) {
      synchronized (record) {
        Instant at = context.clock().instant();
        context
            .rebuilds()
            .replace(
                record.get(),
                record.get().value().inState(RebuildState.FAILED, failure.getMessage(), at));
      }
      context.err().println("the load failed, nothing swapped: " + failure.getMessage());
      return ExitCodes.PROBLEM;
    } finally {
      heartbeat.shutdownNow();
    }
  }

  /** Applies every event of the model's aggregates in one snapshot; returns the snapshot's time. */
  private Instant load(ReadModel model, long[] done, long[] total) throws Exception {
    Connection connection = context.database();
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      Instant snapshot;
      try (PreparedStatement now = connection.prepareStatement("SELECT now()");
          ResultSet result = now.executeQuery()) {
        result.next();
        snapshot = result.getTimestamp(1).toInstant();
      }
      Array types =
          connection.createArrayOf(
              "text", model.sources().stream().map(AggregateType::code).toArray());
      try (PreparedStatement count =
          connection.prepareStatement(
              "SELECT count(*) FROM events WHERE aggregate_type = ANY(?)")) {
        count.setArray(1, types);
        try (ResultSet result = count.executeQuery()) {
          result.next();
          total[0] = result.getLong(1);
        }
      }
      ProgressBar bar = new ProgressBar(context.out(), context.clock());
      RateWindow rate = new RateWindow(context.clock());
      try (PreparedStatement events =
          connection.prepareStatement(
              "SELECT event_id, payload FROM events WHERE aggregate_type = ANY(?) ORDER BY position")) {
        events.setArray(1, types);
        events.setFetchSize(FETCH);
        try (ResultSet result = events.executeQuery()) {
          List<Interpretation> batch = new ArrayList<>();
          while (result.next()) {
            batch.add(
                context
                    .interpreter()
                    .interpret(result.getString(1), 0, "postgres", result.getBytes(2)));
            if (batch.size() == FETCH) {
              done[0] += apply(model, batch);
              batch.clear();
              bar.show(
                  "loading " + target,
                  done[0],
                  total[0],
                  rate.perSecond(done[0]),
                  rate.left(done[0], total[0]));
            }
          }
          done[0] += apply(model, batch);
          bar.show(
              "loading " + target,
              done[0],
              total[0],
              rate.perSecond(done[0]),
              Optional.of(Duration.ZERO));
          bar.done();
        }
      }
      return snapshot;
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  private int apply(ReadModel model, List<Interpretation> batch) throws Exception {
    Map<String, DocumentWrite> newest = new LinkedHashMap<>();
    List<ParkedEvent> unapplicable = new ArrayList<>();
    for (Interpretation interpretation : batch) {
      switch (interpretation) {
        case Interpretation.Apply apply -> {
          for (DocumentWrite write : apply.writes()) {
            if (write.model() == model) {
              newest.merge(write.id(), write, (a, b) -> a.version() >= b.version() ? a : b);
            }
          }
        }
        case Interpretation.Park park -> unapplicable.add(park.event());
      }
    }
    List<DocumentWrite> writes = List.copyOf(newest.values());
    for (int attempt = 1; !writes.isEmpty(); attempt++) {
      List<WriteResult> results = context.store().writeTo(target, writes);
      List<DocumentWrite> again = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        switch (results.get(i).kind()) {
          case APPLIED, STALE -> {}
          case RETRYABLE -> again.add(writes.get(i));
          case MISSING_INDEX, PERMANENT ->
              throw new LoadFailure(
                  "Elasticsearch refused " + writes.get(i) + ": " + results.get(i).detail());
        }
      }
      if (!again.isEmpty() && attempt >= 10) {
        throw new LoadFailure(
            "Elasticsearch kept refusing " + again.size() + " documents, e.g. " + again.getFirst());
      }
      writes = again;
      if (!writes.isEmpty()) {
        Thread.sleep(200L * attempt);
      }
    }
    context.parked().park(unapplicable);
    return batch.size();
  }

  private void renew(AtomicReference<Versioned<RebuildRecord>> record, long done, long total) {
    synchronized (record) {
      try {
        Instant now = context.clock().instant();
        context
            .rebuilds()
            .replace(
                record.get(),
                record
                    .get()
                    .value()
                    .withProgress(done, total, 0, now)
                    .leasedBy(owner, now.plus(LEASE), now))
            .ifPresent(record::set);
      } catch (Exception e) {
        context.err().println("cannot renew the rebuild's lease: " + e);
      }
    }
  }

  /** The generation a target index name encodes. */
  private record IndexName(int generation) {
    static IndexName of(AdminContext context, String index) {
      for (ReadModel model : ReadModel.values()) {
        var parsed = context.names().parse(model, index);
        if (parsed.isPresent()) {
          return new IndexName(parsed.get().generation());
        }
      }
      return new IndexName(0);
    }
  }

  /** Events per second since the load began. */
  private static final class RateWindow {
    private final java.time.Clock clock;
    private final Instant started;

    RateWindow(java.time.Clock clock) {
      this.clock = clock;
      this.started = clock.instant();
    }

    double perSecond(long done) {
      double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
      return seconds <= 0 ? 0 : done / seconds;
    }

    Optional<Duration> left(long done, long total) {
      double rate = perSecond(done);
      return rate <= 0
          ? Optional.empty()
          : Optional.of(Duration.ofMillis((long) ((total - done) / rate * 1000)));
    }
  }

  private static final class LoadFailure extends Exception {
    private static final long serialVersionUID = 1L;

    LoadFailure(String message) {
      super(message);
    }
  }
}
