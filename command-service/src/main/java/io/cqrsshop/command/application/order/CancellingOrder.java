package io.cqrsshop.command.application.order;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.order.CancelledOrder;
import io.cqrsshop.command.domain.order.Order;
import io.cqrsshop.command.domain.order.OrderCancellation;
import io.cqrsshop.command.domain.order.OrderLine;
import io.cqrsshop.command.domain.order.OrderRejections;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.shared.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Cancels a placed order and returns its stock, in one transaction. */
public final class CancellingOrder {

  /** Cancel a placed order. */
  public record CancelOrder(UUID orderId, ExpectedVersion expected, String reason) {}

  public Outcome<Receipt> handle(CancelOrder command, Transaction tx) {
    return tx.orders()
        .lock(command.orderId())
        .map(order -> cancel(tx, order, command))
        .orElseGet(() -> Outcome.rejected(OrderRejections.notFound(command.orderId())))
        .map(cancelled -> store(tx, cancelled));
  }

  private static Outcome<CancelledOrder> cancel(Transaction tx, Order order, CancelOrder command) {
    return OrderCancellation.cancel(
        order,
        tx.products().lockAll(order.lines().stream().map(OrderLine::productId).toList()),
        command.expected(),
        command.reason(),
        tx.now());
  }

  private static Receipt store(Transaction tx, CancelledOrder cancelled) {
    tx.products().update(cancelled.stockReturned().stream().map(ProductEvent::product).toList());
    tx.orders().update(cancelled.cancelled().order());
    List<DomainEvent> events = new ArrayList<>(cancelled.stockReturned());
    events.add(cancelled.cancelled());
    tx.append(events);
    return Receipt.of(cancelled.cancelled(), cancelled.stockReturned());
  }
}
