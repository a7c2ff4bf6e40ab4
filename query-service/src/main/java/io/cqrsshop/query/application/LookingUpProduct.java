package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.Map;

/** Answers GetProduct: one product by id. */
public final class LookingUpProduct {

  private final ReadYourWrites readYourWrites;
  private final ProductCatalog catalog;

  public LookingUpProduct(ReadYourWrites readYourWrites, ProductCatalog catalog) {
    this.readYourWrites = readYourWrites;
    this.catalog = catalog;
  }

  public Outcome<ProductDocument> lookUp(String productId, ReadConsistency consistency) {
    return readYourWrites
        .lookUp(
            ReadModel.PRODUCTS,
            productId,
            consistency,
            () -> catalog.find(productId),
            ProductDocument::version)
        .flatMap(
            found ->
                found
                    .map(Outcome::success)
                    .orElseGet(
                        () ->
                            Outcome.rejected(
                                new Rejection.NotFound(
                                    "PRODUCT_NOT_FOUND",
                                    "no product with id " + productId,
                                    Map.of("product_id", productId)))));
  }
}
