package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.shared.Outcome;

/** Changes the details of an active product that the client named in its update mask. */
public final class UpdatingProductDetails {

  private final IdempotentCommands commands;

  public UpdatingProductDetails(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(UpdateProductDetails command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) ->
            ProductChanges.change(
                    model,
                    context.requestId(),
                    command.productId(),
                    product ->
                        product.updateDetails(command.expectedVersion(), command.update(), now))
                .map(Receipt::of));
  }
}
