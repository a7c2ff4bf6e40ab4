package io.cqrsshop.query.infrastructure;

import static io.cqrsshop.query.infrastructure.Queries.by;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.cqrsshop.query.application.CustomerOrderListing;
import io.cqrsshop.query.application.CustomerOrders;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.OrderDocument.Fields;
import io.cqrsshop.readmodel.ReadModel;
import java.util.Optional;

/**
 * The orders read model in Elasticsearch: its listings, each built by a pure function (tested
 * without a server) and run by the port's method.
 */
public final class OrderQueries implements CustomerOrders {

  private final ElasticsearchReader reader;
  private final String index;

  public OrderQueries(ElasticsearchReader reader, IndexNames names) {
    this.reader = reader;
    this.index = names.alias(ReadModel.ORDERS);
  }

  @Override
  public Optional<OrderDocument> find(String orderId) {
    return reader.get("get_order", index, orderId, OrderDocument.class);
  }

  @Override
  public Page<OrderDocument> listForCustomer(CustomerOrderListing listing) {
    var response =
        reader.search(
            "list_customer_orders", OrderQueries.forCustomer(index, listing), OrderDocument.class);
    return SearchAfterValues.page(response.hits(), listing.pageSize(), false);
  }

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
