package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.shared.Outcome;

/** Sets the price of an active product; orders placed earlier keep the price they captured. */
public final class ChangingProductPrice {

  private final IdempotentCommands commands;

  public ChangingProductPrice(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(ChangeProductPrice command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) ->
            ProductChanges.change(
                    model,
                    context.requestId(),
                    command.productId(),
                    product -> product.changePrice(command.expectedVersion(), command.price(), now))
                .map(Receipt::of));
  }
}
