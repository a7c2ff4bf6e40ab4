package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.shared.Outcome;

/** Restocks or corrects a product's stock, never below zero. */
public final class AdjustingProductStock {

  private final IdempotentCommands commands;

  public AdjustingProductStock(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<StockReceipt> handle(AdjustProductStock command, CommandContext context) {
    return commands.run(
        context,
        StockReceipt.class,
        (model, now) ->
            ProductChanges.change(
                    model,
                    context.requestId(),
                    command.productId(),
                    product ->
                        product.adjustStock(
                            command.expectedVersion(), command.delta(), command.reason(), now))
                .map(event -> new StockReceipt(Receipt.of(event), event.product().stock())));
  }
}
