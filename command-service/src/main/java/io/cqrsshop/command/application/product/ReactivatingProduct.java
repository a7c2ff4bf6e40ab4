package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.shared.Outcome;
import java.util.UUID;

/** Puts a discontinued product back on sale, with its details, price and stock as they were. */
public final class ReactivatingProduct {

  /** Put a discontinued product back on sale. */
  public record ReactivateProduct(UUID productId, ExpectedVersion expected) {}

  public Outcome<Receipt> handle(ReactivateProduct command, Transaction tx) {
    return ExistingProduct.receipt(
        tx, command.productId(), product -> product.reactivate(command.expected(), tx.now()));
  }
}
