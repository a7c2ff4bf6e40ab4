package io.cqrsshop.query.infrastructure;

import static io.cqrsshop.query.infrastructure.Queries.by;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.cqrsshop.query.application.AggregateHistory;
import io.cqrsshop.query.application.HistoryListing;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.readmodel.HistoryDocument;
import io.cqrsshop.readmodel.HistoryDocument.Fields;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;

/**
 * The history read model in Elasticsearch: its listings, each built by a pure function (tested
 * without a server) and run by the port's method.
 */
public final class HistoryQueries implements AggregateHistory {

  private final ElasticsearchReader reader;
  private final String index;

  public HistoryQueries(ElasticsearchReader reader, IndexNames names) {
    this.reader = reader;
    this.index = names.alias(ReadModel.HISTORY);
  }

  @Override
  public Page<HistoryDocument> list(HistoryListing listing) {
    var response =
        reader.search(
            "list_aggregate_history",
            HistoryQueries.forAggregate(index, listing),
            HistoryDocument.class);
    return SearchAfterValues.page(response.hits(), listing.pageSize(), false);
  }

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
