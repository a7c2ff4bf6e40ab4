package io.cqrsshop.query.infrastructure;

import static io.cqrsshop.query.infrastructure.Queries.by;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.query.application.PriceRange;
import io.cqrsshop.query.application.ProductCatalog;
import io.cqrsshop.query.application.ProductSearch;
import io.cqrsshop.query.application.ProductSort;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ProductDocument.Fields;
import io.cqrsshop.readmodel.ReadModel;
import java.util.List;
import java.util.Optional;

/**
 * The products read model in Elasticsearch: the catalog's queries, each built by a pure function
 * (tested without a server) and run by the port's method.
 */
public final class ProductQueries implements ProductCatalog {

  /** Name matches weigh more than description matches. */
  private static final List<String> TEXT_FIELDS = List.of(Fields.NAME + "^2", Fields.DESCRIPTION);

  /**
   * Matches are counted exactly up to this many; beyond, the total is a lower bound, so that a
   * search costs the same however many products match (Elasticsearch's own default).
   */
  public static final int EXACT_TOTAL_UP_TO = 10_000;

  private static final String SKU = "sku";

  private final ElasticsearchReader reader;
  private final String index;

  public ProductQueries(ElasticsearchReader reader, IndexNames names) {
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

  @Override
  public Optional<ProductDocument> findBySku(String sku) {
    var response = reader.search("find_product_by_sku", bySku(index, sku), ProductDocument.class);
    return response.hits().hits().stream().findFirst().map(Hit::source);
  }

  /** The product with a SKU; SKUs are unique, so one hit at most. */
  public static SearchRequest bySku(String index, String sku) {
    return SearchRequest.of(
        s ->
            s.index(index)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .query(q -> q.bool(b -> b.filter(Queries.term(SKU, sku))))
                .size(1));
  }

  public static SearchRequest search(String index, ProductSearch search) {
    return SearchRequest.of(
        s -> {
          s.index(index)
              .ignoreUnavailable(true)
              .allowNoIndices(true)
              .query(filter(search))
              .sort(sort(search.sort()))
              .size(search.pageSize() + 1)
              .trackTotalHits(t -> t.count(EXACT_TOTAL_UP_TO));
          search.after().ifPresent(after -> s.searchAfter(SearchAfterValues.toFieldValues(after)));
          return s;
        });
  }

  static Query filter(ProductSearch search) {
    BoolQuery.Builder bool = new BoolQuery.Builder();
    if (!search.text().isBlank()) {
      // Every word must occur, in the name or the description.
      bool.must(
          m ->
              m.multiMatch(
                  mm ->
                      mm.query(search.text())
                          .fields(TEXT_FIELDS)
                          .type(TextQueryType.CrossFields)
                          .operator(Operator.And)));
    }
    if (!search.category().isBlank()) {
      // The field's lower-case normalizer applies to the term too: case-insensitive.
      bool.filter(Queries.term(Fields.CATEGORY, search.category()));
    }
    search.price().ifPresent(price -> bool.filter(priceFilters(price)));
    if (search.activeOnly()) {
      bool.filter(Queries.term(Fields.ACTIVE, true));
    }
    if (search.availableOnly()) {
      bool.filter(Queries.term(Fields.AVAILABLE, true));
    }
    return Query.of(q -> q.bool(bool.build()));
  }

  static List<SortOptions> sort(ProductSort sort) {
    SortOptions first =
        switch (sort) {
          case RELEVANCE -> SortOptions.of(s -> s.score(score -> score.order(SortOrder.Desc)));
          case PRICE_ASCENDING -> by(Fields.PRICE_MINOR, SortOrder.Asc);
          case PRICE_DESCENDING -> by(Fields.PRICE_MINOR, SortOrder.Desc);
          case NAME_ASCENDING -> by(Fields.NAME_SORT, SortOrder.Asc);
          case NAME_DESCENDING -> by(Fields.NAME_SORT, SortOrder.Desc);
        };
    return List.of(first, by(Fields.PRODUCT_ID, SortOrder.Asc));
  }

  private static List<Query> priceFilters(PriceRange price) {
    List<Query> filters = new java.util.ArrayList<>();
    filters.add(Queries.term(Fields.CURRENCY, price.currency()));
    price.minMinor().ifPresent(min -> filters.add(Queries.atLeast(Fields.PRICE_MINOR, min)));
    price.maxMinor().ifPresent(max -> filters.add(Queries.atMost(Fields.PRICE_MINOR, max)));
    return filters;
  }
}
