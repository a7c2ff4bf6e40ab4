package io.cqrsshop.command.application.order;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.WriteModel;
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

  private final IdempotentCommands commands;

  public PlacingOrder(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<OrderReceipt> handle(PlaceOrder command, CommandContext context) {
    return commands.run(
        context,
        OrderReceipt.class,
        (model, now) ->
            OrderPlacement.place(
                    UUID.randomUUID(),
                    command.customerId(),
                    model.users().lockShared(command.customerId()),
                    command.lines(),
                    model
                        .products()
                        .lockAll(command.lines().stream().map(RequestedLine::productId).toList()),
                    now)
                .map(placed -> store(model, context, placed)));
  }

  private static OrderReceipt store(WriteModel model, CommandContext cause, PlacedOrder placed) {
    model.products().update(placed.stockTaken().stream().map(ProductEvent::product).toList());
    model.orders().add(placed.placed().order());
    List<DomainEvent> events = new ArrayList<>(placed.stockTaken());
    events.add(placed.placed());
    model.events().append(events, cause);
    return new OrderReceipt(
        Receipt.of(placed.placed(), placed.stockTaken()), placed.placed().order().total());
  }
}
