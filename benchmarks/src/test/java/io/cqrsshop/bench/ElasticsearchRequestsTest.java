package io.cqrsshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The raw requests go where query-service's go, as the Elasticsearch Java client writes them. */
class ElasticsearchRequestsTest {

  private final ElasticsearchRequests requests = new ElasticsearchRequests("shop-");

  @Test
  void getProduct_isARealTimeGetOfTheDocumentThroughTheAlias() {
    ElasticsearchRequests.Request request = requests.getProduct("p-1");

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/shop-products/_doc/p-1");
    assertThat(request.body()).isEmpty();
  }

  @Test
  void searches_goToTheReadModelsAliasWithTheClientsParametersAndABody() {
    ElasticsearchRequests.Request search =
        requests.searchProducts("benchabc lamp", "q-benchabc", "EUR", 1_000, 90_000);
    LocalDate day = LocalDate.parse("2026-12-01");

    assertThat(search.method()).isEqualTo("POST");
    assertThat(search.path()).startsWith("/shop-products/_search?").contains("typed_keys=true");
    assertThat(search.body())
        .hasValueSatisfying(body -> assertThat(body).contains("benchabc lamp"));
    assertThat(requests.listCustomerOrders("c-1").path()).startsWith("/shop-orders/_search?");
    assertThat(requests.salesSummary(day, day, "EUR").path()).startsWith("/shop-sales/_search?");
  }
}
