package io.cqrsshop.query.infrastructure;

import io.cqrsshop.query.application.Page;
import io.cqrsshop.query.application.ProductCatalog;
import io.cqrsshop.query.application.ProductSearch;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import java.util.Optional;

/** The products read model in Elasticsearch. */
public final class ElasticsearchProductCatalog implements ProductCatalog {

  private final ElasticsearchReader reader;
  private final String index;

  public ElasticsearchProductCatalog(ElasticsearchReader reader, IndexNames names) {
    this.reader = reader;
    this.index = names.alias(ReadModel.PRODUCTS);
  }

  @Override
  public Optional<ProductDocument> find(String productId) {
    return reader.get("get_product", index, productId, ProductDocument.class);
  }

  @Override
  public Page<ProductDocument> search(ProductSearch search) {
    var response =
        reader.search(
            "search_products", ProductQueries.search(index, search), ProductDocument.class);
    return SearchAfterValues.page(response.hits(), search.pageSize(), true);
  }
}
