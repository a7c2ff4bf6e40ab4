package io.cqrsshop.command.application;

import io.cqrsshop.command.application.order.CancellingOrder;
import io.cqrsshop.command.application.order.PlacingOrder;
import io.cqrsshop.command.application.order.ShippingOrder;
import io.cqrsshop.command.application.product.AdjustingProductStock;
import io.cqrsshop.command.application.product.ChangingProductPrice;
import io.cqrsshop.command.application.product.CreatingProduct;
import io.cqrsshop.command.application.product.DiscontinuingProduct;
import io.cqrsshop.command.application.product.UpdatingProductDetails;
import io.cqrsshop.command.application.user.ChangingUserEmail;
import io.cqrsshop.command.application.user.CreatingUser;
import io.cqrsshop.command.application.user.DeletingUser;
import io.cqrsshop.command.application.user.RenamingUser;
import java.time.Clock;

/** Every use case of the write side, wired to one transaction runner. */
public record CommandHandlers(
    CreatingProduct creatingProduct,
    UpdatingProductDetails updatingProductDetails,
    ChangingProductPrice changingProductPrice,
    AdjustingProductStock adjustingProductStock,
    DiscontinuingProduct discontinuingProduct,
    CreatingUser creatingUser,
    RenamingUser renamingUser,
    ChangingUserEmail changingUserEmail,
    DeletingUser deletingUser,
    PlacingOrder placingOrder,
    CancellingOrder cancellingOrder,
    ShippingOrder shippingOrder) {

  public static CommandHandlers create(Transactions transactions, Clock clock) {
    IdempotentCommands commands = new IdempotentCommands(transactions, clock);
    return new CommandHandlers(
        new CreatingProduct(commands),
        new UpdatingProductDetails(commands),
        new ChangingProductPrice(commands),
        new AdjustingProductStock(commands),
        new DiscontinuingProduct(commands),
        new CreatingUser(commands),
        new RenamingUser(commands),
        new ChangingUserEmail(commands),
        new DeletingUser(commands),
        new PlacingOrder(commands),
        new CancellingOrder(commands),
        new ShippingOrder(commands));
  }
}
