package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.FindProductBySkuRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.ProductSortOrder;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.proto.v1.WatchProductRequest;
import io.cqrsshop.query.application.PriceRange;
import io.cqrsshop.query.application.ProductSearch;
import io.cqrsshop.query.application.ProductSort;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.Outcome;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Validates product requests and maps them to queries. */
final class ProductRequests {

  static final int DEFAULT_PAGE_SIZE = 20;

  /** A SKU as CreateProduct accepts it. */
  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private ProductRequests() {}

  static Outcome<Checked<String>> get(GetProductRequest request) {
    return RequestCheck.oneById(
        request, "product_id", request.getProductId(), request.getConsistencyTokensList());
  }

  static Outcome<Checked<String>> findBySku(FindProductBySkuRequest request) {
    RequestCheck check = new RequestCheck(request);
    String sku = request.getSku();
    check.require(!sku.isEmpty(), "sku", "is required");
    check.require(
        sku.isEmpty() || SKU.matcher(sku).matches(),
        "sku",
        "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
    return check.result(() -> sku, check.consistencyTokens(request.getConsistencyTokensList()));
  }

  static Outcome<Checked<WatchTarget>> watch(WatchProductRequest request) {
    return WatchTarget.check(
        request,
        AggregateType.PRODUCT,
        "product_id",
        request.getProductId(),
        request.getResumeToken(),
        request.getConsistencyTokensList());
  }

  static Outcome<Checked<ProductSearch>> search(
      SearchProductsRequest request, PageTokens pageTokens) {
    RequestCheck check = new RequestCheck(request);
    String text = check.text("query", request.getQuery());
    String category = check.text("category", request.getCategory());
    Optional<PriceRange> price = price(check, request);
    check.knownEnum("sort_order", request.getSortOrder() == ProductSortOrder.UNRECOGNIZED);
    int pageSize = check.pageSize("page_size", request.getPageSize(), DEFAULT_PAGE_SIZE);
    ProductSort sort = sort(request.getSortOrder(), text);
    var after = check.pageToken(request.getPageToken(), pageTokens, sort.cursorShape());
    var writes = check.consistencyTokens(request.getConsistencyTokensList());
    return check.result(
        () ->
            new ProductSearch(
                text,
                category,
                price,
                request.getActiveOnly(),
                request.getAvailableOnly(),
                sort,
                pageSize,
                after),
        writes);
  }

  private static Optional<PriceRange> price(RequestCheck check, SearchProductsRequest request) {
    if (!request.hasMinPrice() && !request.hasMaxPrice()) {
      return Optional.empty();
    }
    OptionalLong min = bound(check, "min_price", request.hasMinPrice(), request.getMinPrice());
    OptionalLong max = bound(check, "max_price", request.hasMaxPrice(), request.getMaxPrice());
    String currency =
        request.hasMinPrice()
            ? request.getMinPrice().getCurrencyCode()
            : request.getMaxPrice().getCurrencyCode();
    // Compared only when each bound is valid by itself: one violation per field is enough.
    if (min.isPresent() && max.isPresent()) {
      check.require(
          request.getMaxPrice().getCurrencyCode().equals(currency),
          "max_price.currency_code",
          "must be the currency of min_price");
      check.require(
          min.getAsLong() <= max.getAsLong(),
          "max_price.amount_minor",
          "must not be below min_price");
    }
    return Optional.of(new PriceRange(currency, min, max));
  }

  private static OptionalLong bound(RequestCheck check, String field, boolean set, Money money) {
    if (!set) {
      return OptionalLong.empty();
    }
    boolean validCurrency = check.currencyCode(field + ".currency_code", money.getCurrencyCode());
    boolean validAmount =
        check.require(money.getAmountMinor() >= 0, field + ".amount_minor", "must not be negative");
    return validCurrency && validAmount
        ? OptionalLong.of(money.getAmountMinor())
        : OptionalLong.empty();
  }

  private static ProductSort sort(ProductSortOrder order, String text) {
    return switch (order) {
      case PRODUCT_SORT_ORDER_RELEVANCE -> ProductSort.RELEVANCE;
      case PRODUCT_SORT_ORDER_PRICE_ASCENDING -> ProductSort.PRICE_ASCENDING;
      case PRODUCT_SORT_ORDER_PRICE_DESCENDING -> ProductSort.PRICE_DESCENDING;
      case PRODUCT_SORT_ORDER_NAME_ASCENDING -> ProductSort.NAME_ASCENDING;
      case PRODUCT_SORT_ORDER_NAME_DESCENDING -> ProductSort.NAME_DESCENDING;
      case PRODUCT_SORT_ORDER_UNSPECIFIED, UNRECOGNIZED -> ProductSort.defaultFor(text);
    };
  }
}
