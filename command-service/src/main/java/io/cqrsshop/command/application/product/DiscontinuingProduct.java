package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.shared.Outcome;

/** Takes a product off sale for good. */
public final class DiscontinuingProduct {

  private final IdempotentCommands commands;

  public DiscontinuingProduct(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(DiscontinueProduct command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) ->
            ProductChanges.change(
                    model,
                    context.requestId(),
                    command.productId(),
                    product -> product.discontinue(command.expectedVersion(), now))
                .map(Receipt::of));
  }
}
