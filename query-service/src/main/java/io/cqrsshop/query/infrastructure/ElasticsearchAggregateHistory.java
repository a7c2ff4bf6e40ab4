package io.cqrsshop.query.infrastructure;

import io.cqrsshop.query.application.AggregateHistory;
import io.cqrsshop.query.application.HistoryListing;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.readmodel.HistoryDocument;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;

/** The history read model in Elasticsearch. */
public final class ElasticsearchAggregateHistory implements AggregateHistory {

  private final ElasticsearchReader reader;
  private final String index;

  public ElasticsearchAggregateHistory(ElasticsearchReader reader, IndexNames names) {
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
}
