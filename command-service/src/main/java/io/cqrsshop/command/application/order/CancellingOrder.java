package io.cqrsshop.command.application.order;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.WriteModel;
import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.order.CancelledOrder;
import io.cqrsshop.command.domain.order.Order;
import io.cqrsshop.command.domain.order.OrderCancellation;
import io.cqrsshop.command.domain.order.OrderLine;
import io.cqrsshop.command.domain.order.OrderRejections;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.shared.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Cancels a placed order and returns its stock, in one transaction. */
public final class CancellingOrder {

  private final IdempotentCommands commands;

  public CancellingOrder(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(CancelOrder command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) ->
            model
                .orders()
                .lock(command.orderId())
                .map(order -> cancel(model, order, command, now))
                .orElseGet(() -> Outcome.rejected(OrderRejections.notFound(command.orderId())))
                .map(cancelled -> store(model, context, cancelled)));
  }

  private static Outcome<CancelledOrder> cancel(
      WriteModel model, Order order, CancelOrder command, Instant now) {
    return OrderCancellation.cancel(
        order,
        model.products().lockAll(order.lines().stream().map(OrderLine::productId).toList()),
        command.expectedVersion(),
        command.reason(),
        now);
  }

  private static Receipt store(WriteModel model, CommandContext cause, CancelledOrder cancelled) {
    model.products().update(cancelled.stockReturned().stream().map(ProductEvent::product).toList());
    model.orders().update(cancelled.cancelled().order());
    List<DomainEvent> events = new ArrayList<>(cancelled.stockReturned());
    events.add(cancelled.cancelled());
    model.events().append(events, cause);
    return Receipt.of(cancelled.cancelled(), cancelled.stockReturned());
  }
}
