package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.OrderDocument;
import java.util.Optional;

/** The orders read model. */
public interface CustomerOrders {

  /** The order, read in real time. */
  Optional<OrderDocument> find(String orderId);

  /** A customer's orders, newest first. */
  Page<OrderDocument> listForCustomer(CustomerOrderListing listing);
}
