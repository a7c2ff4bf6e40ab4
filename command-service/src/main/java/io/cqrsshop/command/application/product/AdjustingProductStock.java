package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.shared.Outcome;
import java.util.UUID;

/**
 * Restocks or corrects a product's stock, never below zero, also once it is discontinued (the units
 * left must stay bookable); the receipt says the stock after it.
 */
public final class AdjustingProductStock {

  /** Add units to a product's stock, or take them away. */
  public record AdjustProductStock(
      UUID productId, ExpectedVersion expected, long delta, String reason) {}

  public Outcome<StockReceipt> handle(AdjustProductStock command, Transaction tx) {
    return ExistingProduct.change(
            tx,
            command.productId(),
            product ->
                product.adjustStock(
                    command.expected(), command.delta(), command.reason(), tx.now()))
        .map(adjusted -> new StockReceipt(Receipt.of(adjusted), adjusted.product().stock()));
  }
}
