package io.cqrsshop.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.query.application.UserListing;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserQueriesTest {

  @Test
  void byEmail_matchesTheAddressAmongLiveUsers() {
    var json = RequestJson.of(UserQueries.byEmail("shop-users", "Ada@Example.com"));

    assertThat(json.at("/query/bool/filter").toString())
        .isEqualTo(
            "[{\"term\":{\"email\":{\"value\":\"Ada@Example.com\"}}},"
                + "{\"term\":{\"deleted\":{\"value\":false}}}]");
    assertThat(json.at("/size").asInt()).isEqualTo(1);
  }

  @Test
  void list_withoutFilter_listsLiveUsersByNameThenId() {
    var json = RequestJson.of(UserQueries.list("u", new UserListing("", 20, Optional.empty())));

    assertThat(json.at("/query/bool/filter").toString())
        .isEqualTo("[{\"term\":{\"deleted\":{\"value\":false}}}]");
    assertThat(json.at("/sort").toString())
        .isEqualTo("[{\"name.sort\":{\"order\":\"asc\"}},{\"user_id\":{\"order\":\"asc\"}}]");
    assertThat(json.at("/size").asInt()).isEqualTo(21);
  }

  @Test
  void list_filterWords_eachMustMatchNameOrEmailAsWordOrPrefix() {
    var listing = new UserListing("  ada  lov ", 20, Optional.empty());

    var filters = RequestJson.of(UserQueries.list("u", listing)).at("/query/bool/filter");

    assertThat(filters.size()).isEqualTo(3);
    var first = filters.get(1).at("/multi_match");
    assertThat(first.at("/query").asText()).isEqualTo("ada");
    assertThat(first.at("/type").asText()).isEqualTo("bool_prefix");
    assertThat(first.at("/fields").toString()).isEqualTo("[\"name\",\"email.text\"]");
    assertThat(filters.get(2).at("/multi_match/query").asText()).isEqualTo("lov");
  }

  @Test
  void list_withCursor_continuesAfterIt() {
    var listing = new UserListing("", 5, Optional.of(new PageCursor(List.of("ada", "u-1"))));

    var json = RequestJson.of(UserQueries.list("u", listing));

    assertThat(json.at("/search_after").toString()).isEqualTo("[\"ada\",\"u-1\"]");
  }
}
