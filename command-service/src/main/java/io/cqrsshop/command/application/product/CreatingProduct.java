package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.ProductRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;

/** Registers a product under a SKU that no other product has. */
public final class CreatingProduct {

  private final IdempotentCommands commands;

  public CreatingProduct(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(CreateProduct command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) -> {
          ProductEvent.Created created =
              Product.create(
                  UUID.randomUUID(),
                  command.sku(),
                  command.details(),
                  command.price(),
                  command.initialStock(),
                  now);
          if (!model.products().add(created.product())) {
            return Outcome.rejected(ProductRejections.skuTaken(command.sku()));
          }
          model.events().append(List.of(created), context.requestId());
          return Outcome.success(Receipt.of(created));
        });
  }
}
