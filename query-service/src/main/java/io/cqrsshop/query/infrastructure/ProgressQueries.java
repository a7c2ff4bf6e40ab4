package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.CountRequest;
import io.cqrsshop.shared.AggregateVersion;
import java.util.List;

/**
 * Builds the one request that tells whether a read model reflects a set of writes. It is a count, a
 * search-side request, so it sees what searches see (refreshed segments) and not the real-time view
 * a GET would have: "caught up" then means a query run next will see the writes.
 */
public final class ProgressQueries {

  private static final String VERSION = "version";

  private ProgressQueries() {}

  /** Counts the writes that are visible; the model has caught up when all of them are. */
  public static CountRequest visibleWrites(String index, List<AggregateVersion> writes) {
    BoolQuery.Builder anyWrite = new BoolQuery.Builder().minimumShouldMatch("1");
    for (AggregateVersion write : writes) {
      anyWrite.should(
          s ->
              s.bool(
                  b ->
                      b.filter(f -> f.ids(i -> i.values(write.id().toString())))
                          .filter(Queries.atLeast(VERSION, write.version()))));
    }
    Query query = Query.of(q -> q.bool(anyWrite.build()));
    return CountRequest.of(
        c -> c.index(index).ignoreUnavailable(true).allowNoIndices(true).query(query));
  }
}
