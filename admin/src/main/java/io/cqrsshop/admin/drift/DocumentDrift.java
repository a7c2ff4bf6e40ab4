package io.cqrsshop.admin.drift;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsshop.projector.application.EventInterpreter;
import io.cqrsshop.projector.application.Interpretation;
import io.cqrsshop.projector.application.ReadModelStore;
import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares one read model whose documents are keyed by aggregate (products, users, orders, sales)
 * with the write model, document by document: its version and every field the projection of the
 * aggregate's latest event writes.
 *
 * <p>Both sides are read in id order a page at a time and merged, so memory stays flat whatever the
 * size. A difference found while commands change the aggregate is a candidate, not drift: the
 * candidates are checked again (the write model and a real-time read of the document) until they
 * agree or the settle time runs out; only what still differs is reported.
 */
public final class DocumentDrift {

  private static final int PAGE = WriteModelReader.PAGE;
  private static final int MAX_CANDIDATES = 100_000;
  private static final Duration RECHECK = Duration.ofMillis(500);

  private final ElasticsearchClient client;
  private final WriteModelReader writeModel;
  private final EventInterpreter interpreter;
  private final ReadModelStore store;
  private final ReadModel model;
  private final String index;
  private final Duration settle;
  private final ObjectMapper json = ReadModelJson.objectMapper();
  private final List<String> candidates = new ArrayList<>();
  private long candidatesDropped;

  public DocumentDrift(
      ElasticsearchClient client,
      java.sql.Connection database,
      EventInterpreter interpreter,
      ReadModelStore store,
      ReadModel model,
      String index,
      Duration settle) {
    this.client = client;
    this.writeModel = new WriteModelReader(database, model.sources().iterator().next());
    this.interpreter = interpreter;
    this.store = store;
    this.model = model;
    this.index = index;
    this.settle = settle;
  }

  /** Aggregates in the write model: the total for progress. */
  public long total() throws Exception {
    return writeModel.count();
  }

  /**
   * Checks every document; repairs what drifted when asked.
   *
   * @param progress told the number of aggregates checked so far
   */
  public DriftReport check(boolean repair, java.util.function.LongConsumer progress)
      throws Exception {
    DriftReport report = new DriftReport(model.baseName());
    Side<WriteModelAggregate> written = new Side<>(writeModel::page, WriteModelAggregate::id);
    Side<JsonNode> read = new Side<>(this::readPage, node -> node.path(model.idField()).asText());
    long checked = 0;
    while (written.peek().isPresent() || read.peek().isPresent()) {
      Optional<WriteModelAggregate> aggregate = written.peek();
      Optional<JsonNode> document = read.peek();
      int order =
          aggregate.isEmpty()
              ? 1
              : document.isEmpty()
                  ? -1
                  : aggregate.get().id().compareTo(document.get().path(model.idField()).asText());
      if (order < 0) {
        candidate(aggregate.get().id());
        written.next();
      } else if (order > 0) {
        candidate(document.get().path(model.idField()).asText());
        read.next();
      } else {
        if (classify(aggregate.get(), Optional.of(document.get())).isPresent()) {
          candidate(aggregate.get().id());
        }
        written.next();
        read.next();
      }
      if (order <= 0 && ++checked % PAGE == 0) {
        progress.accept(checked);
      }
    }
    progress.accept(checked);
    report.checked(checked);
    settleCandidates(report, repair);
    return report;
  }

  private void candidate(String id) {
    if (candidates.size() < MAX_CANDIDATES) {
      candidates.add(id);
    } else {
      candidatesDropped++;
    }
  }

  /** Rechecks candidates until they agree or the settle time is over; reports the rest. */
  private void settleCandidates(DriftReport report, boolean repair) throws Exception {
    Instant deadline = Instant.now().plus(settle);
    List<String> open = new ArrayList<>(candidates);
    Map<String, String> last = new LinkedHashMap<>();
    while (!open.isEmpty()) {
      last.clear();
      List<String> still = new ArrayList<>();
      for (int from = 0; from < open.size(); from += PAGE) {
        List<String> ids = open.subList(from, Math.min(open.size(), from + PAGE));
        Map<String, WriteModelAggregate> now = writeModel.now(ids);
        Map<String, JsonNode> documents = realtime(ids);
        for (String id : ids) {
          Optional<String> drift =
              now.containsKey(id)
                  ? classify(now.get(id), Optional.ofNullable(documents.get(id)))
                  : documents.containsKey(id)
                      ? Optional.of(Drift.EXTRA + " " + id + " (not in the write model)")
                      : Optional.empty();
          if (drift.isPresent()) {
            still.add(id);
            last.put(id, drift.get());
          }
        }
      }
      open = still;
      if (open.isEmpty() || !Instant.now().isBefore(deadline)) {
        break;
      }
      Thread.sleep(RECHECK.toMillis());
    }
    for (Map.Entry<String, String> drift : last.entrySet()) {
      report.found(Drift.valueOf(drift.getValue().split(" ", 2)[0]), drift.getValue());
    }
    if (candidatesDropped > 0) {
      report.found(Drift.DIFFERS, candidatesDropped + " more candidates were not checked again");
    }
    if (repair && !last.isEmpty()) {
      repair(List.copyOf(last.keySet()), report);
    }
  }

  /** Empty when the document shows the aggregate as the projection would write it. */
  private Optional<String> classify(WriteModelAggregate aggregate, Optional<JsonNode> document) {
    if (document.isEmpty()) {
      return Optional.of(Drift.MISSING + " " + aggregate.id() + " (v" + aggregate.version() + ")");
    }
    long stored = document.get().path("version").asLong();
    if (stored < aggregate.version()) {
      return Optional.of(
          Drift.BEHIND + " " + aggregate.id() + ": v" + stored + " of v" + aggregate.version());
    }
    if (stored > aggregate.version()) {
      return Optional.of(
          Drift.AHEAD
              + " "
              + aggregate.id()
              + ": v"
              + stored
              + ", write model v"
              + aggregate.version());
    }
    Optional<DocumentWrite> expected = expected(aggregate);
    if (expected.isEmpty()) {
      return Optional.empty(); // Its latest event cannot be projected: the parked events say why.
    }
    List<String> fields =
        JsonComparison.differences(json.valueToTree(expected.get().document()), document.get());
    return fields.isEmpty()
        ? Optional.empty()
        : Optional.of(Drift.DIFFERS + " " + aggregate.id() + " v" + stored + ": " + fields);
  }

  private Optional<DocumentWrite> expected(WriteModelAggregate aggregate) {
    if (aggregate.latestEvent().length == 0) {
      return Optional.empty();
    }
    return switch (interpreter.interpret(
        aggregate.latestEventId(), 0, "postgres", aggregate.latestEvent())) {
      case Interpretation.Apply apply ->
          apply.writes().stream().filter(write -> write.model() == model).findFirst();
      case Interpretation.Park park -> Optional.empty();
    };
  }

  /**
   * Writes what the projection gives at the write model's version and deletes documents of
   * aggregates the write model does not have. A document Elasticsearch holds at a newer version
   * number cannot be overwritten with the right one (external versioning refuses it): those are
   * counted as blocked, for a rebuild.
   */
  private void repair(List<String> ids, DriftReport report) throws Exception {
    for (int from = 0; from < ids.size(); from += PAGE) {
      List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
      Map<String, WriteModelAggregate> now = writeModel.now(page);
      List<DocumentWrite> writes = new ArrayList<>();
      for (String id : page) {
        WriteModelAggregate aggregate = now.get(id);
        if (aggregate == null) {
          client.delete(d -> d.index(index).id(id));
          report.repaired(1);
        } else {
          expected(aggregate).ifPresent(writes::add);
        }
      }
      for (var result : store.writeTo(index, writes)) {
        switch (result.kind()) {
          case APPLIED -> report.repaired(1);
          case STALE -> report.blocked(1);
          case MISSING_INDEX, RETRYABLE, PERMANENT ->
              throw new IllegalStateException("cannot repair: " + result.detail());
        }
      }
    }
  }

  private List<JsonNode> readPage(String afterId) throws Exception {
    return client
        .search(
            s -> {
              s.index(index)
                  .ignoreUnavailable(true)
                  .allowNoIndices(true)
                  .size(PAGE)
                  .sort(o -> o.field(f -> f.field(model.idField()).order(SortOrder.Asc)));
              if (!afterId.isEmpty()) {
                s.searchAfter(v -> v.stringValue(afterId));
              }
              return s;
            },
            ObjectNode.class)
        .hits()
        .hits()
        .stream()
        .map(Hit::source)
        .filter(java.util.Objects::nonNull)
        .map(JsonNode.class::cast)
        .toList();
  }

  private Map<String, JsonNode> realtime(List<String> ids) throws Exception {
    MgetResponse<ObjectNode> response =
        client.mget(m -> m.index(index).ids(ids).realtime(true), ObjectNode.class);
    Map<String, JsonNode> found = new LinkedHashMap<>();
    response
        .docs()
        .forEach(
            item -> {
              if (item.isResult() && item.result().found() && item.result().source() != null) {
                found.put(item.result().id(), item.result().source());
              }
            });
    return found;
  }

  /** One side of the merge: pages fetched on demand, in id order. */
  private static final class Side<T> {
    private final Pager<T> pager;
    private final java.util.function.Function<T, String> id;
    private final Deque<T> buffer = new ArrayDeque<>();
    private String last = "";
    private boolean exhausted;

    Side(Pager<T> pager, java.util.function.Function<T, String> id) {
      this.pager = pager;
      this.id = id;
    }

    Optional<T> peek() throws Exception {
      if (buffer.isEmpty() && !exhausted) {
        List<T> page = pager.page(last);
        if (page.isEmpty()) {
          exhausted = true;
        } else {
          buffer.addAll(page);
          last = id.apply(page.getLast());
        }
      }
      return Optional.ofNullable(buffer.peekFirst());
    }

    void next() {
      buffer.pollFirst();
    }
  }

  @FunctionalInterface
  private interface Pager<T> {
    List<T> page(String afterId) throws Exception;
  }
}
