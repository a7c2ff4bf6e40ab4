package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ProductDocument;
import java.util.Optional;

/** The products read model. */
public interface ProductCatalog {

  /** The product, read in real time. */
  Optional<ProductDocument> find(String productId);

  /** The product with this SKU, compared exactly. */
  Optional<ProductDocument> findBySku(String sku);

  /** A page of the catalog. */
  Page<ProductDocument> search(ProductSearch search);
}
