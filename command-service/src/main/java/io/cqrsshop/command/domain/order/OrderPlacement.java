package io.cqrsshop.command.domain.order;

import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.ProductStatus;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides whether an order can be placed against the current customer and products, and if so
 * prices it and takes its stock. The caller must hold the products locked until the result is
 * stored, so that no other order sees the same units.
 */
public final class OrderPlacement {

  private OrderPlacement() {}

  /**
   * @param customer the customer, if it exists
   * @param products the requested products that exist, by id
   */
  public static Outcome<PlacedOrder> place(
      UUID orderId,
      UUID customerId,
      Optional<User> customer,
      List<RequestedLine> requested,
      Map<UUID, Product> products,
      Instant now) {
    if (requested.isEmpty()
        || requested.stream().map(RequestedLine::productId).distinct().count()
            != requested.size()) {
      throw new IllegalArgumentException("an order needs lines for distinct products");
    }
    if (customer.isEmpty()) {
      return Outcome.rejected(OrderRejections.customerNotFound(customerId));
    }
    if (!customer.get().canOrder()) {
      return Outcome.rejected(OrderRejections.customerDeleted(customerId));
    }
    Optional<Rejection> refusal = refusal(requested, products);
    if (refusal.isPresent()) {
      return Outcome.rejected(refusal.get());
    }
    List<OrderLine> lines = new ArrayList<>();
    List<ProductEvent.StockAdjusted> stockTaken = new ArrayList<>();
    for (RequestedLine line : requested) {
      Product product = products.get(line.productId());
      Money lineTotal = product.price().times(line.quantity());
      lines.add(
          new OrderLine(
              product.id(), product.details().name(), line.quantity(), product.price(), lineTotal));
      stockTaken.add(product.takeForOrder(orderId, line.quantity(), now));
    }
    Money total = lines.stream().map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
    Order order =
        new Order(
            orderId,
            customerId,
            customer.get().name(),
            lines,
            total,
            OrderStatus.PLACED,
            List.of(new StatusChange(OrderStatus.PLACED, now, "")),
            now,
            now,
            1);
    return Outcome.success(new PlacedOrder(new OrderEvent.Placed(order), stockTaken));
  }

  /** The first line, in request order, that cannot be supplied. */
  private static Optional<Rejection> refusal(
      List<RequestedLine> requested, Map<UUID, Product> products) {
    String currency = null;
    for (int i = 0; i < requested.size(); i++) {
      RequestedLine line = requested.get(i);
      Product product = products.get(line.productId());
      if (product == null) {
        return Optional.of(OrderRejections.productNotFound(i, line.productId()));
      }
      if (product.status() == ProductStatus.DISCONTINUED) {
        return Optional.of(OrderRejections.productDiscontinued(i, product.id()));
      }
      String lineCurrency = product.price().currencyCode();
      if (currency != null && !currency.equals(lineCurrency)) {
        return Optional.of(
            OrderRejections.currencyMismatch(i, product.id(), currency, lineCurrency));
      }
      currency = lineCurrency;
      if (!product.canSupply(line.quantity())) {
        return Optional.of(
            OrderRejections.insufficientStock(i, product.id(), line.quantity(), product.stock()));
      }
    }
    return Optional.empty();
  }
}
