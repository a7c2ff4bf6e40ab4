package io.cqrsshop.command.domain.order;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.shared.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Cancels an order and gives every line's units back to its product, discontinued or not, so that
 * stock bookkeeping stays right. The caller holds the order and the products locked.
 */
public final class OrderCancellation {

  private OrderCancellation() {}

  /**
   * @param products every product the order's lines refer to, by id
   */
  public static Outcome<CancelledOrder> cancel(
      Order order,
      Map<UUID, Product> products,
      ExpectedVersion expected,
      String reason,
      Instant now) {
    return order
        .cancel(expected, reason, now)
        .map(
            cancelled -> {
              List<ProductEvent.StockAdjusted> returned =
                  order.lines().stream()
                      .map(
                          line ->
                              product(products, line.productId())
                                  .returnFromOrder(order.id(), line.quantity(), now))
                      .toList();
              return new CancelledOrder(cancelled, returned);
            });
  }

  private static Product product(Map<UUID, Product> products, UUID id) {
    Product product = products.get(id);
    if (product == null) {
      throw new IllegalStateException("order line refers to missing product " + id);
    }
    return product;
  }
}
