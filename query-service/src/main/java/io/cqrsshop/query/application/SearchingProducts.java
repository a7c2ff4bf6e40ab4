package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;

/** Answers SearchProducts: a page of the catalog. */
public final class SearchingProducts {

  private final ReadYourWrites readYourWrites;
  private final ProductCatalog catalog;

  public SearchingProducts(ReadYourWrites readYourWrites, ProductCatalog catalog) {
    this.readYourWrites = readYourWrites;
    this.catalog = catalog;
  }

  public Outcome<Page<ProductDocument>> search(ProductSearch search, ReadConsistency consistency) {
    return readYourWrites
        .await(ReadModel.PRODUCTS, Visibility.SEARCH, consistency)
        .map(ready -> catalog.search(search));
  }
}
