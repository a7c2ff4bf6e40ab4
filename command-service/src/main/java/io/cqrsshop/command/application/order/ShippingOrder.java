package io.cqrsshop.command.application.order;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.domain.order.OrderRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;

/** Marks a placed order as shipped. */
public final class ShippingOrder {

  private final IdempotentCommands commands;

  public ShippingOrder(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(ShipOrder command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) ->
            model
                .orders()
                .lock(command.orderId())
                .map(order -> order.ship(command.expectedVersion(), now))
                .orElseGet(() -> Outcome.rejected(OrderRejections.notFound(command.orderId())))
                .map(
                    shipped -> {
                      model.orders().update(shipped.order());
                      model.events().append(List.of(shipped), context.requestId());
                      return Receipt.of(shipped);
                    }));
  }
}
