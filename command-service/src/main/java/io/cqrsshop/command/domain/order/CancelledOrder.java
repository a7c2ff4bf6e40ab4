package io.cqrsshop.command.domain.order;

import io.cqrsshop.command.domain.product.ProductEvent;
import java.util.List;

/** The outcome of cancelling an order: the order and the stock returned to each product. */
public record CancelledOrder(
    OrderEvent.Cancelled cancelled, List<ProductEvent.StockAdjusted> stockReturned) {

  public CancelledOrder {
    stockReturned = List.copyOf(stockReturned);
  }
}
