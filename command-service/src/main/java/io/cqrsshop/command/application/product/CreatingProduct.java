package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.ProductRejections;
import io.cqrsshop.command.domain.product.Sku;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;

/** Registers a product under a SKU that no other product has. */
public final class CreatingProduct {

  /** Register a product. */
  public record CreateProduct(Sku sku, ProductDetails details, Money price, long initialStock) {}

  public Outcome<Receipt> handle(CreateProduct command, Transaction tx) {
    ProductEvent.Created created =
        Product.create(
            UUID.randomUUID(),
            command.sku(),
            command.details(),
            command.price(),
            command.initialStock(),
            tx.now());
    if (!tx.products().add(created.product())) {
      // The transaction is rolled back: nothing of the command remains.
      return Outcome.rejected(ProductRejections.skuTaken(command.sku()));
    }
    tx.append(List.of(created));
    return Outcome.success(Receipt.of(created));
  }
}
