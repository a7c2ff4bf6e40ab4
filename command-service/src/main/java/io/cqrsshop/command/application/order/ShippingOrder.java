package io.cqrsshop.command.application.order;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.order.OrderRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;

/** Marks a placed order as shipped; it touches no other aggregate. */
public final class ShippingOrder {

  /** Mark an order as shipped. */
  public record ShipOrder(UUID orderId, ExpectedVersion expected) {}

  public Outcome<Receipt> handle(ShipOrder command, Transaction tx) {
    return tx.orders()
        .lock(command.orderId())
        .map(order -> order.ship(command.expected(), tx.now()))
        .orElseGet(() -> Outcome.rejected(OrderRejections.notFound(command.orderId())))
        .map(
            shipped -> {
              tx.orders().update(shipped.order());
              tx.append(List.of(shipped));
              return Receipt.of(shipped);
            });
  }
}
