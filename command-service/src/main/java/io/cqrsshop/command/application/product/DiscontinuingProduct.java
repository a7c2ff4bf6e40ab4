package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.shared.Outcome;
import java.util.UUID;

/** Takes a product off sale. */
public final class DiscontinuingProduct {

  /** Take a product off sale. */
  public record DiscontinueProduct(UUID productId, ExpectedVersion expected) {}

  public Outcome<Receipt> handle(DiscontinueProduct command, Transaction tx) {
    return ExistingProduct.receipt(
        tx, command.productId(), product -> product.discontinue(command.expected(), tx.now()));
  }
}
