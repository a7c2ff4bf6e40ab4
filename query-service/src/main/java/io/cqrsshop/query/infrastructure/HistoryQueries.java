package io.cqrsshop.query.infrastructure;

import static io.cqrsshop.query.infrastructure.Queries.by;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.cqrsshop.query.application.HistoryListing;
import io.cqrsshop.readmodel.HistoryDocument.Fields;

/** Builds history listings; pure, so that their shape is tested without a server. */
public final class HistoryQueries {

  private HistoryQueries() {}

  public static SearchRequest forAggregate(String index, HistoryListing listing) {
    return SearchRequest.of(
        s -> {
          s.index(index)
              .ignoreUnavailable(true)
              .allowNoIndices(true)
              .query(
                  Query.of(
                      q ->
                          q.bool(
                              new BoolQuery.Builder()
                                  .filter(Queries.term(Fields.AGGREGATE_ID, listing.aggregateId()))
                                  .filter(
                                      Queries.term(Fields.AGGREGATE_TYPE, listing.type().code()))
                                  .build())))
              // Newest first: one event per version, so the version alone orders them.
              .sort(by(Fields.VERSION, SortOrder.Desc))
              .trackTotalHits(t -> t.enabled(false))
              .size(listing.pageSize() + 1);
          listing.after().ifPresent(after -> s.searchAfter(SearchAfterValues.toFieldValues(after)));
          return s;
        });
  }
}
