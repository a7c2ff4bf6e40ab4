package io.cqrsshop.command.application.order;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.order.OrderPlacement;
import io.cqrsshop.command.domain.order.PlacedOrder;
import io.cqrsshop.command.domain.order.RequestedLine;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.shared.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Places an order atomically: with the customer and products locked it checks every line, takes the
 * stock, prices the lines and stores the order with one event per changed aggregate.
 */
public final class PlacingOrder {

  /** Place an order for a customer. */
  public record PlaceOrder(UUID customerId, List<RequestedLine> lines) {

    public PlaceOrder {
      lines = List.copyOf(lines);
    }
  }

  public Outcome<OrderReceipt> handle(PlaceOrder command, Transaction tx) {
    return OrderPlacement.place(
            UUID.randomUUID(),
            command.customerId(),
            tx.users().lockShared(command.customerId()),
            command.lines(),
            tx.products().lockAll(command.lines().stream().map(RequestedLine::productId).toList()),
            tx.now())
        .map(placed -> store(tx, placed));
  }

  private static OrderReceipt store(Transaction tx, PlacedOrder placed) {
    tx.products().update(placed.stockTaken().stream().map(ProductEvent::product).toList());
    tx.orders().add(placed.placed().order());
    List<DomainEvent> events = new ArrayList<>(placed.stockTaken());
    events.add(placed.placed());
    tx.append(events);
    return new OrderReceipt(
        Receipt.of(placed.placed(), placed.stockTaken()), placed.placed().order().total());
  }
}
