package io.cqrsshop.query.infrastructure;

import io.cqrsshop.query.application.CustomerOrderListing;
import io.cqrsshop.query.application.OrderHistory;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ReadModel;
import java.util.Optional;

/** The orders read model in Elasticsearch. */
public final class ElasticsearchOrderHistory implements OrderHistory {

  private final ElasticsearchReader reader;
  private final String index;

  public ElasticsearchOrderHistory(ElasticsearchReader reader, IndexNames names) {
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
}
