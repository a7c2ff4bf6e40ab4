package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.CountRequest;
import io.cqrsshop.shared.AggregateVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the one request that tells whether a read model reflects a set of writes. It is a count, a
 * search-side request, so it sees what searches see (refreshed segments) and not the real-time view
 * a GET would have: "caught up" then means a query run next will see the writes.
 */
public final class ProgressQueries {

  private static final String VERSION = "version";

  private ProgressQueries() {}

  /**
   * Counts the writes that are visible; the model has caught up when all of them are. Writes are
   * grouped by version (a command mostly writes new aggregates, all at version 1), which keeps the
   * number of query clauses small even for the largest set of tokens a call may carry.
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
}
