package io.cqrsshop.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import co.elastic.clients.elasticsearch.core.GetRequest;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.Endpoint;
import io.cqrsshop.query.application.CustomerOrderListing;
import io.cqrsshop.query.application.PriceRange;
import io.cqrsshop.query.application.ProductSearch;
import io.cqrsshop.query.application.ProductSort;
import io.cqrsshop.query.application.SalesPeriod;
import io.cqrsshop.query.domain.DateRange;
import io.cqrsshop.query.infrastructure.OrderQueries;
import io.cqrsshop.query.infrastructure.ProductQueries;
import io.cqrsshop.query.infrastructure.SalesQueries;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import java.net.URLEncoder;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The requests query-service sends to Elasticsearch for GetProduct, SearchProducts,
 * ListCustomerOrders and GetSalesSummary (without consistency tokens): built by query-service's own
 * builders ({@link ProductQueries}, {@link OrderQueries}, {@link SalesQueries}) and written out by
 * the Elasticsearch Java client's endpoints (method, path, query parameters, JSON body), so that
 * the harness sends the very same ones over its own connections.
 */
final class ElasticsearchRequests {

  /** The page size query-service uses when a request names none. */
  static final int DEFAULT_PAGE_SIZE = 20;

  private static final JsonpMapper JSON = new JacksonJsonpMapper();

  private final IndexNames names;

  /**
   * @param prefix the services' INDEX_PREFIX; the read models' aliases follow it
   */
  ElasticsearchRequests(String prefix) {
    this.names = new IndexNames(prefix);
  }

  /** One HTTP request. */
  record Request(String method, String path, Optional<String> body) {}

  /** GetProduct: a real-time GET of the document. */
  Request getProduct(String productId) {
    String alias = names.alias(ReadModel.PRODUCTS);
    return written(GetRequest.of(g -> g.index(alias).id(productId)), GetRequest._ENDPOINT);
  }

  /**
   * SearchProducts with text, a category, a price range in one currency and both flags, sorted by
   * relevance (the default with text), first page.
   */
  Request searchProducts(String text, String category, String currency, long min, long max) {
    PriceRange price = new PriceRange(currency, OptionalLong.of(min), OptionalLong.of(max));
    ProductSort sort = ProductSort.defaultFor(text);
    ProductSearch search =
        new ProductSearch(
            text,
            category,
            Optional.of(price),
            true,
            true,
            sort,
            DEFAULT_PAGE_SIZE,
            Optional.empty());
    return search(ProductQueries.search(names.alias(ReadModel.PRODUCTS), search));
  }

  /** ListCustomerOrders: a customer's first page, newest first, any status. */
  Request listCustomerOrders(String customerId) {
    CustomerOrderListing listing =
        new CustomerOrderListing(customerId, Optional.empty(), DEFAULT_PAGE_SIZE, Optional.empty());
    return search(OrderQueries.forCustomer(names.alias(ReadModel.ORDERS), listing));
  }

  /** GetSalesSummary: orders and revenue per day over {@code first..last} in one currency. */
  Request salesSummary(LocalDate first, LocalDate last, String currency) {
    SalesPeriod period = new SalesPeriod(new DateRange(first, last), currency);
    return search(SalesQueries.perDay(names.alias(ReadModel.SALES), period));
  }

  private static Request search(SearchRequest request) {
    return written(request, SearchRequest._ENDPOINT);
  }

  /** The request as the client's transport writes it on the wire. */
  private static <R> Request written(R request, Endpoint<R, ?, ?> endpoint) {
    String query =
        endpoint.queryParameters(request).entrySet().stream()
            .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), UTF_8))
            .collect(Collectors.joining("&"));
    return new Request(
        endpoint.method(request),
        endpoint.requestUrl(request) + (query.isEmpty() ? "" : "?" + query),
        Optional.ofNullable(endpoint.body(request))
            .map(body -> JsonpUtils.toJsonString(body, JSON)));
  }
}
