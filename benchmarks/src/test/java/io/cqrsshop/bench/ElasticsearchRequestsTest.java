package io.cqrsshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The raw baseline must send what query-service sends: each body is compared, as JSON, with what
 * query-service's own request builders produce for the same question, and each path with its read
 * model's alias.
 */
class ElasticsearchRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IndexNames NAMES = new IndexNames("shop-");
  private final ElasticsearchRequests requests = new ElasticsearchRequests("shop-");

  private static JsonNode serviceBody(Object request) throws Exception {
    return JSON.readTree(JsonpUtils.toJsonString(request, new JacksonJsonpMapper()));
  }

  private static JsonNode body(ElasticsearchRequests.Request request) throws Exception {
    return JSON.readTree(request.body().orElseThrow());
  }

  @Test
  void getProduct_isARealTimeGetOfTheDocumentThroughTheAlias() {
    ElasticsearchRequests.Request request = requests.getProduct("p-1");

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/" + NAMES.alias(ReadModel.PRODUCTS) + "/_doc/p-1");
    assertThat(request.body()).isEmpty();
  }

  @Test
  void searchProducts_isTheBodyProductQueriesBuilds() throws Exception {
    String text = "benchabc lamp";
    ProductSearch search =
        new ProductSearch(
            text,
            "q-benchabc",
            Optional.of(new PriceRange("EUR", OptionalLong.of(1_000), OptionalLong.of(90_000))),
            true,
            true,
            ProductSort.defaultFor(text),
            ElasticsearchRequests.DEFAULT_PAGE_SIZE,
            Optional.empty());

    ElasticsearchRequests.Request request =
        requests.searchProducts(text, "q-benchabc", "EUR", 1_000, 90_000);

    assertThat(body(request))
        .isEqualTo(serviceBody(ProductQueries.search(NAMES.alias(ReadModel.PRODUCTS), search)));
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path())
        .isEqualTo(
            "/"
                + NAMES.alias(ReadModel.PRODUCTS)
                + "/_search?typed_keys=true&ignore_unavailable=true&allow_no_indices=true");
  }

  @Test
  void listCustomerOrders_isTheBodyOrderQueriesBuilds() throws Exception {
    CustomerOrderListing listing =
        new CustomerOrderListing(
            "c-1", Optional.empty(), ElasticsearchRequests.DEFAULT_PAGE_SIZE, Optional.empty());

    ElasticsearchRequests.Request request = requests.listCustomerOrders("c-1");

    assertThat(body(request))
        .isEqualTo(serviceBody(OrderQueries.forCustomer(NAMES.alias(ReadModel.ORDERS), listing)));
    assertThat(request.path()).startsWith("/" + NAMES.alias(ReadModel.ORDERS) + "/_search?");
  }

  @Test
  void salesSummary_isTheBodySalesQueriesBuilds() throws Exception {
    LocalDate first = LocalDate.parse("2026-11-02");
    LocalDate last = LocalDate.parse("2026-12-01");
    SalesPeriod period = new SalesPeriod(new DateRange(first, last), "EUR");

    ElasticsearchRequests.Request request = requests.salesSummary(first, last, "EUR");

    assertThat(body(request))
        .isEqualTo(serviceBody(SalesQueries.perDay(NAMES.alias(ReadModel.SALES), period)));
    assertThat(request.path()).startsWith("/" + NAMES.alias(ReadModel.SALES) + "/_search?");
  }

  @Test
  void string_escapesWhatJsonRequires() {
    assertThat(ElasticsearchRequests.string("a\"b\\c\nd\u0001"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }
}
