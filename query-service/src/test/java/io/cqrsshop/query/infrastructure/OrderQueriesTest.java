package io.cqrsshop.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.query.application.CustomerOrderListing;
import io.cqrsshop.query.application.PageCursor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderQueriesTest {

  @Test
  void forCustomer_listsTheCustomersOrdersNewestFirstWithIdTiebreaker() {
    var listing = new CustomerOrderListing("c-1", Optional.empty(), 20, Optional.empty());

    var json = RequestJson.of(OrderQueries.forCustomer("shop-orders", listing));

    assertThat(json.at("/query/bool/filter").toString())
        .isEqualTo("[{\"term\":{\"customer_id\":{\"value\":\"c-1\"}}}]");
    assertThat(json.at("/sort").toString())
        .isEqualTo("[{\"placed_at\":{\"order\":\"desc\"}},{\"order_id\":{\"order\":\"desc\"}}]");
    assertThat(json.at("/size").asInt()).isEqualTo(21);
  }

  @Test
  void forCustomer_withStatusAndCursor_filtersAndContinues() {
    var listing =
        new CustomerOrderListing(
            "c-1", Optional.of("SHIPPED"), 3, Optional.of(new PageCursor(List.of(1700L, "o-9"))));

    var json = RequestJson.of(OrderQueries.forCustomer("o", listing));

    assertThat(json.at("/query/bool/filter").toString())
        .contains("{\"term\":{\"status\":{\"value\":\"SHIPPED\"}}}");
    assertThat(json.at("/search_after").toString()).isEqualTo("[1700,\"o-9\"]");
    assertThat(json.at("/size").asInt()).isEqualTo(4);
  }
}
