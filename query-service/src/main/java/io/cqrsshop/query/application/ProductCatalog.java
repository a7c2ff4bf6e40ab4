package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ProductDocument;
import java.util.Optional;

/** The products read model. */
public interface ProductCatalog {

  Optional<ProductDocument> find(String productId);

  Page<ProductDocument> search(ProductSearch search);
}
