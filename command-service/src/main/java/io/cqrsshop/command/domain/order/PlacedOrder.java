package io.cqrsshop.command.domain.order;

import io.cqrsshop.command.domain.product.ProductEvent;
import java.util.List;

/** The outcome of placing an order: the order and the stock taken from each product. */
public record PlacedOrder(OrderEvent.Placed placed, List<ProductEvent.StockAdjusted> stockTaken) {

  public PlacedOrder {
    stockTaken = List.copyOf(stockTaken);
  }
}
