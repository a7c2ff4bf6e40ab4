package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.ProductRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What every change of one existing product does around its decision: lock the product (NOT_FOUND
 * when there is none), let the product decide, store its new state and append the event.
 */
final class ExistingProduct {

  private ExistingProduct() {}

  /** The change, answered with the receipt of its event. */
  static <E extends ProductEvent> Outcome<Receipt> receipt(
      Transaction tx, UUID productId, Function<Product, Outcome<E>> decision) {
    return change(tx, productId, decision).map(Receipt::of);
  }

  static <E extends ProductEvent> Outcome<E> change(
      Transaction tx, UUID productId, Function<Product, Outcome<E>> decision) {
    return tx.products()
        .lock(productId)
        .map(decision)
        .orElseGet(() -> Outcome.rejected(ProductRejections.notFound(productId)))
        .map(
            event -> {
              tx.products().update(List.of(event.product()));
              tx.append(List.of(event));
              return event;
            });
  }
}
