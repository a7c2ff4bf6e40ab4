package io.cqrsshop.query.infrastructure;

import static io.cqrsshop.query.infrastructure.Queries.by;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.cqrsshop.query.application.CustomerOrderListing;
import io.cqrsshop.readmodel.OrderDocument.Fields;

/** Builds order history listings; pure, so that their shape is tested without a server. */
public final class OrderQueries {

  private OrderQueries() {}

  public static SearchRequest forCustomer(String index, CustomerOrderListing listing) {
    return SearchRequest.of(
        s -> {
          s.index(index)
              .ignoreUnavailable(true)
              .allowNoIndices(true)
              .query(filter(listing))
              // Newest first; the id breaks ties between orders placed in the same millisecond.
              .sort(by(Fields.PLACED_AT, SortOrder.Desc), by(Fields.ORDER_ID, SortOrder.Desc))
              .size(listing.pageSize() + 1);
          listing.after().ifPresent(after -> s.searchAfter(SearchAfterValues.toFieldValues(after)));
          return s;
        });
  }

  static Query filter(CustomerOrderListing listing) {
    BoolQuery.Builder bool =
        new BoolQuery.Builder().filter(Queries.term(Fields.CUSTOMER_ID, listing.customerId()));
    listing.status().ifPresent(status -> bool.filter(Queries.term(Fields.STATUS, status)));
    return Query.of(q -> q.bool(bool.build()));
  }
}
