package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.product.DetailsUpdate;
import io.cqrsshop.shared.Outcome;
import java.util.UUID;

/** Changes the details of an active product that the client named in its update mask. */
public final class UpdatingProductDetails {

  /** Change some details of a product. */
  public record UpdateProductDetails(
      UUID productId, ExpectedVersion expected, DetailsUpdate update) {}

  public Outcome<Receipt> handle(UpdateProductDetails command, Transaction tx) {
    return ExistingProduct.receipt(
        tx,
        command.productId(),
        product -> product.updateDetails(command.expected(), command.update(), tx.now()));
  }
}
