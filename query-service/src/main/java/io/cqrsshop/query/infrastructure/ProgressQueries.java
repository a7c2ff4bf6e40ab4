package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.CountRequest;
import co.elastic.clients.elasticsearch.core.MgetRequest;
import io.cqrsshop.readmodel.HistoryDocument;
import io.cqrsshop.shared.AggregateVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the requests that tell whether a read model reflects a set of writes, one per kind of
 * read: a count, a search-side request that sees what searches see (refreshed segments), and a
 * real-time multi-get, which sees what a GET by id sees (every indexed document).
 */
public final class ProgressQueries {

  private static final String VERSION = "version";

  private ProgressQueries() {}

  /**
   * Fetches the versions of the written documents in real time, without their sources: each
   * document's version is the aggregate version it reflects (the projector indexes with external
   * versioning), and a missing one has not been projected yet.
   */
  public static MgetRequest storedVersions(String index, List<AggregateVersion> writes) {
    List<String> ids = writes.stream().map(write -> write.id().toString()).distinct().toList();
    return MgetRequest.of(m -> m.index(index).ids(ids).realtime(true).source(s -> s.fetch(false)));
  }

  /**
   * Counts the writes that are visible to searches; the model has caught up when all of them are.
   * Writes are grouped by version (a command mostly writes new aggregates, all at version 1), which
   * keeps the number of query clauses small even for the largest set of tokens a call may carry.
   */
  public static CountRequest visibleWrites(String index, List<AggregateVersion> writes) {
    Map<Long, List<String>> idsByVersion = new TreeMap<>();
    for (AggregateVersion write : writes) {
      idsByVersion
          .computeIfAbsent(write.version(), version -> new ArrayList<>())
          .add(write.id().toString());
    }
    BoolQuery.Builder anyWrite = new BoolQuery.Builder().minimumShouldMatch("1");
    idsByVersion.forEach(
        (version, ids) ->
            anyWrite.should(
                s ->
                    s.bool(
                        b ->
                            b.filter(f -> f.ids(i -> i.values(ids)))
                                .filter(Queries.atLeast(VERSION, version)))));
    Query query = Query.of(q -> q.bool(anyWrite.build()));
    return CountRequest.of(
        c -> c.index(index).ignoreUnavailable(true).allowNoIndices(true).query(query));
  }

  /**
   * Counts the writes whose history entries are visible to searches. History documents are keyed by
   * event, not by aggregate; an aggregate has exactly one event per version, so each write matches
   * exactly one document once it is projected.
   */
  public static CountRequest visibleHistory(String index, List<AggregateVersion> writes) {
    BoolQuery.Builder anyWrite = new BoolQuery.Builder().minimumShouldMatch("1");
    for (AggregateVersion write : writes) {
      anyWrite.should(
          s ->
              s.bool(
                  b ->
                      b.filter(
                              Queries.term(
                                  HistoryDocument.Fields.AGGREGATE_ID, write.id().toString()))
                          .filter(f -> f.term(t -> t.field(VERSION).value(write.version())))));
    }
    Query query = Query.of(q -> q.bool(anyWrite.build()));
    return CountRequest.of(
        c -> c.index(index).ignoreUnavailable(true).allowNoIndices(true).query(query));
  }
}
