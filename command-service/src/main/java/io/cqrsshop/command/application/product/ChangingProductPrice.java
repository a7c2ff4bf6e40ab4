package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.shared.Outcome;
import java.util.UUID;

/** Sets the price of an active product; orders placed earlier keep the price they captured. */
public final class ChangingProductPrice {

  /** Set the price of a product. */
  public record ChangeProductPrice(UUID productId, ExpectedVersion expected, Money price) {}

  public Outcome<Receipt> handle(ChangeProductPrice command, Transaction tx) {
    return ExistingProduct.receipt(
        tx,
        command.productId(),
        product -> product.changePrice(command.expected(), command.price(), tx.now()));
  }
}
