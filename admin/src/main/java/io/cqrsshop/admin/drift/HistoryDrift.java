package io.cqrsshop.admin.drift;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.cqrsshop.admin.drift.WriteModelReader.EventCount;
import io.cqrsshop.projector.application.EventInterpreter;
import io.cqrsshop.projector.application.Interpretation;
import io.cqrsshop.projector.application.ReadModelStore;
import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.readmodel.HistoryDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateType;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the history read model with the event log: per aggregate, how many events it shows and
 * the newest version, against the events table. Both sides are read in aggregate-id order, a page
 * at a time (a composite aggregation on the history side); differences are checked again until they
 * settle, as in {@link DocumentDrift}.
 */
public final class HistoryDrift {

  private static final int PAGE = WriteModelReader.PAGE;
  private static final Duration RECHECK = Duration.ofMillis(500);

  private final ElasticsearchClient client;
  private final Connection database;
  private final EventInterpreter interpreter;
  private final ReadModelStore store;
  private final String index;
  private final Duration settle;

  public HistoryDrift(
      ElasticsearchClient client,
      Connection database,
      EventInterpreter interpreter,
      ReadModelStore store,
      String index,
      Duration settle) {
    this.client = client;
    this.database = database;
    this.interpreter = interpreter;
    this.store = store;
    this.index = index;
    this.settle = settle;
  }

  public long total() throws Exception {
    long total = 0;
    for (AggregateType type : AggregateType.values()) {
      total += new WriteModelReader(database, type).count();
    }
    return total;
  }

  public DriftReport check(boolean repair, java.util.function.LongConsumer progress)
      throws Exception {
    DriftReport report = new DriftReport(ReadModel.HISTORY.baseName());
    long checked = 0;
    for (AggregateType type : AggregateType.values()) {
      WriteModelReader events = new WriteModelReader(database, type);
      Map<String, String> candidates = new LinkedHashMap<>();
      Deque<EventCount> written = new ArrayDeque<>();
      Deque<EventCount> shown = new ArrayDeque<>();
      String writtenAfter = "";
      Map<String, FieldValue> shownAfter = null;
      boolean writtenDone = false;
      boolean shownDone = false;
      while (true) {
        if (written.isEmpty() && !writtenDone) {
          List<EventCount> page = events.eventCounts(writtenAfter);
          writtenDone = page.isEmpty();
          written.addAll(page);
          writtenAfter = page.isEmpty() ? writtenAfter : page.getLast().id();
        }
        if (shown.isEmpty() && !shownDone) {
          Page page = shownPage(type, shownAfter);
          shownDone = page.counts().isEmpty();
          shown.addAll(page.counts());
          shownAfter = page.after();
        }
        if (written.isEmpty() && shown.isEmpty()) {
          break;
        }
        EventCount write = written.peekFirst();
        EventCount show = shown.peekFirst();
        int order = write == null ? 1 : show == null ? -1 : write.id().compareTo(show.id());
        if (order == 0
            && write.events() == show.events()
            && write.maxVersion() == show.maxVersion()) {
          written.pollFirst();
          shown.pollFirst();
        } else if (order <= 0) {
          candidates.put(write.id(), type.code());
          written.pollFirst();
          if (order == 0) {
            shown.pollFirst();
          }
        } else {
          candidates.put(show.id(), type.code());
          shown.pollFirst();
        }
        if (order <= 0 && ++checked % PAGE == 0) {
          progress.accept(checked);
        }
      }
      settle(events, type, candidates, report, repair);
    }
    progress.accept(checked);
    report.checked(checked);
    return report;
  }

  private void settle(
      WriteModelReader events,
      AggregateType type,
      Map<String, String> candidates,
      DriftReport report,
      boolean repair)
      throws Exception {
    Instant deadline = Instant.now().plus(settle);
    Map<String, String> open = new LinkedHashMap<>();
    candidates.keySet().forEach(id -> open.put(id, ""));
    while (!open.isEmpty()) {
      client.indices().refresh(r -> r.index(index).ignoreUnavailable(true).allowNoIndices(true));
      for (String id : List.copyOf(open.keySet())) {
        Optional<EventCount> written = events.eventCount(id);
        EventCount shown = shownCount(type, id);
        Optional<String> drift = describe(type, id, written, shown);
        if (drift.isPresent()) {
          open.put(id, drift.get());
        } else {
          open.remove(id);
        }
      }
      if (open.isEmpty() || !Instant.now().isBefore(deadline)) {
        break;
      }
      Thread.sleep(RECHECK.toMillis());
    }
    for (String drift : open.values()) {
      report.found(Drift.valueOf(drift.split(" ", 2)[0]), drift);
    }
    if (repair) {
      for (String id : open.keySet()) {
        repair(events, id, report);
      }
    }
  }

  private static Optional<String> describe(
      AggregateType type, String id, Optional<EventCount> written, EventCount shown) {
    if (written.isEmpty()) {
      return shown.events() == 0
          ? Optional.empty()
          : Optional.of(
              Drift.EXTRA
                  + " "
                  + type.code()
                  + " "
                  + id
                  + ": "
                  + shown.events()
                  + " history entries, no events");
    }
    EventCount events = written.get();
    if (shown.events() == events.events() && shown.maxVersion() == events.maxVersion()) {
      return Optional.empty();
    }
    if (shown.events() == 0) {
      return Optional.of(
          Drift.MISSING
              + " "
              + type.code()
              + " "
              + id
              + ": no history, "
              + events.events()
              + " events");
    }
    Drift drift = shown.events() < events.events() ? Drift.BEHIND : Drift.DIFFERS;
    return Optional.of(
        drift
            + " "
            + type.code()
            + " "
            + id
            + ": "
            + shown.events()
            + " history entries up to v"
            + shown.maxVersion()
            + ", "
            + events.events()
            + " events up to v"
            + events.maxVersion());
  }

  /** Makes the aggregate's history exactly its events: writes the missing, deletes the others. */
  private void repair(WriteModelReader events, String id, DriftReport report) throws Exception {
    List<DocumentWrite> writes = new ArrayList<>();
    Set<String> eventIds = new HashSet<>();
    for (Map.Entry<String, byte[]> event : events.events(id)) {
      eventIds.add(event.getKey());
      if (interpreter.interpret(event.getKey(), 0, "postgres", event.getValue())
          instanceof Interpretation.Apply apply) {
        apply.writes().stream()
            .filter(write -> write.model() == ReadModel.HISTORY)
            .forEach(writes::add);
      }
    }
    var shown =
        client.search(
            s ->
                s.index(index)
                    .size(10_000)
                    .source(source -> source.fetch(false))
                    .query(
                        q -> q.term(t -> t.field(HistoryDocument.Fields.AGGREGATE_ID).value(id))),
            Void.class);
    for (Hit<Void> hit : shown.hits().hits()) {
      if (!eventIds.contains(hit.id())) {
        client.delete(d -> d.index(index).id(hit.id()));
        report.repaired(1);
      }
    }
    for (var result : store.writeTo(index, writes)) {
      switch (result.kind()) {
        case APPLIED -> report.repaired(1);
        case STALE -> {} // Already there: not what drifted.
        case MISSING_INDEX, RETRYABLE, PERMANENT ->
            throw new IllegalStateException("cannot repair: " + result.detail());
      }
    }
  }

  private EventCount shownCount(AggregateType type, String id) throws Exception {
    var response =
        client.search(
            s ->
                s.index(index)
                    .size(0)
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .query(
                        q ->
                            q.bool(
                                b ->
                                    b.filter(
                                            f ->
                                                f.term(
                                                    t ->
                                                        t.field(HistoryDocument.Fields.AGGREGATE_ID)
                                                            .value(id)))
                                        .filter(
                                            f ->
                                                f.term(
                                                    t ->
                                                        t.field(
                                                                HistoryDocument.Fields
                                                                    .AGGREGATE_TYPE)
                                                            .value(type.code())))))
                    .aggregations(
                        "max_version", a -> a.max(m -> m.field(HistoryDocument.Fields.VERSION))),
            Void.class);
    long count = response.hits().total() == null ? 0 : response.hits().total().value();
    double max = response.aggregations().get("max_version").max().value();
    return new EventCount(id, count, count == 0 ? 0 : (long) max);
  }

  private record Page(List<EventCount> counts, Map<String, FieldValue> after) {}

  private Page shownPage(AggregateType type, Map<String, FieldValue> after) throws Exception {
    var response =
        client.search(
            s ->
                s.index(index)
                    .size(0)
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .query(
                        q ->
                            q.term(
                                t ->
                                    t.field(HistoryDocument.Fields.AGGREGATE_TYPE)
                                        .value(type.code())))
                    .aggregations(
                        "aggregates",
                        a ->
                            a.composite(
                                    c -> {
                                      c.size(PAGE)
                                          .sources(
                                              Map.of(
                                                  "id",
                                                  co.elastic.clients.elasticsearch._types
                                                      .aggregations.CompositeAggregationSource.of(
                                                      source ->
                                                          source.terms(
                                                              t ->
                                                                  t.field(
                                                                      HistoryDocument.Fields
                                                                          .AGGREGATE_ID)))));
                                      if (after != null) {
                                        c.after(after);
                                      }
                                      return c;
                                    })
                                .aggregations(
                                    "max_version",
                                    m -> m.max(x -> x.field(HistoryDocument.Fields.VERSION)))),
            Void.class);
    if (response.aggregations() == null || !response.aggregations().containsKey("aggregates")) {
      return new Page(List.of(), after);
    }
    CompositeAggregate composite = response.aggregations().get("aggregates").composite();
    List<EventCount> counts = new ArrayList<>();
    for (CompositeBucket bucket : composite.buckets().array()) {
      counts.add(
          new EventCount(
              bucket.key().get("id").stringValue(),
              bucket.docCount(),
              (long) bucket.aggregations().get("max_version").max().value()));
    }
    Map<String, FieldValue> next =
        composite.afterKey() == null ? null : new HashMap<>(composite.afterKey());
    return new Page(counts, next);
  }
}
