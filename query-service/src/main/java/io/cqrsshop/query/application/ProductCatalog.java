package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ProductDocument;
import java.util.Optional;

/** The products read model. */
public interface ProductCatalog {

  /** The product, read in real time. */
  Optional<ProductDocument> find(String productId);

  /** A page of the catalog. */
  Page<ProductDocument> search(ProductSearch search);
}
