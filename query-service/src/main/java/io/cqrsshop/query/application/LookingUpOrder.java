package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.Map;

/** Answers GetOrder: one order with its lines and status history. */
public final class LookingUpOrder {

  private final ReadYourWrites readYourWrites;
  private final OrderHistory orders;

  public LookingUpOrder(ReadYourWrites readYourWrites, OrderHistory orders) {
    this.readYourWrites = readYourWrites;
    this.orders = orders;
  }

  public Outcome<OrderDocument> lookUp(String orderId, ReadConsistency consistency) {
    return readYourWrites
        .lookUp(
            ReadModel.ORDERS,
            orderId,
            consistency,
            () -> orders.find(orderId),
            OrderDocument::version)
        .flatMap(
            found ->
                found
                    .map(Outcome::success)
                    .orElseGet(
                        () ->
                            Outcome.rejected(
                                new Rejection.NotFound(
                                    "ORDER_NOT_FOUND",
                                    "no order with id " + orderId,
                                    Map.of("order_id", orderId)))));
  }
}
