package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;

/** Answers ListCustomerOrders: a page of one customer's orders, newest first. */
public final class ListingCustomerOrders {

  private final ReadYourWrites readYourWrites;
  private final OrderHistory orders;

  public ListingCustomerOrders(ReadYourWrites readYourWrites, OrderHistory orders) {
    this.readYourWrites = readYourWrites;
    this.orders = orders;
  }

  public Outcome<Page<OrderDocument>> list(
      CustomerOrderListing listing, ReadConsistency consistency) {
    return readYourWrites
        .await(ReadModel.ORDERS, Visibility.SEARCH, consistency)
        .map(ready -> orders.listForCustomer(listing));
  }
}
