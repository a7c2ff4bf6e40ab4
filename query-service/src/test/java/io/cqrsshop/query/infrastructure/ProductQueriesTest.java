package io.cqrsshop.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.query.application.PriceRange;
import io.cqrsshop.query.application.ProductSearch;
import io.cqrsshop.query.application.ProductSort;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProductQueriesTest {

  private static final ProductSearch ALL =
      new ProductSearch(
          "", "", Optional.empty(), false, false, ProductSort.NAME_ASCENDING, 20, Optional.empty());

  @Test
  void search_withoutCriteria_matchesEverythingAndFetchesOneMoreThanThePage() {
    var json = RequestJson.of(ProductQueries.search("shop-products", ALL));

    assertThat(json.at("/query/bool").size()).isZero();
    assertThat(json.at("/size").asInt()).isEqualTo(21);
    assertThat(json.at("/track_total_hits").asInt()).isEqualTo(ProductQueries.EXACT_TOTAL_UP_TO);
    assertThat(json.has("search_after")).isFalse();
    assertThat(json.has("from")).isFalse();
  }

  @Test
  void bySku_filtersOnTheExactSku() {
    var json = RequestJson.of(ProductQueries.bySku("p", "MUG-001"));

    assertThat(json.at("/query/bool/filter/0/term/sku/value").asText()).isEqualTo("MUG-001");
    assertThat(json.at("/size").asInt()).isEqualTo(1);
  }

  @Test
  void search_text_mustMatchEveryWordInNameOrDescription() {
    var search = withText("blue mug");

    var match =
        RequestJson.of(ProductQueries.search("p", search)).at("/query/bool/must/0/multi_match");

    assertThat(match.at("/query").asText()).isEqualTo("blue mug");
    assertThat(match.at("/fields").toString()).isEqualTo("[\"name^2\",\"description\"]");
    assertThat(match.at("/type").asText()).isEqualTo("cross_fields");
    assertThat(match.at("/operator").asText()).isEqualTo("and");
  }

  @Test
  void search_everyFilter_becomesAFilterClause() {
    var search =
        new ProductSearch(
            "",
            "Kitchen",
            Optional.of(new PriceRange("EUR", OptionalLong.of(100), OptionalLong.of(2000))),
            true,
            true,
            ProductSort.PRICE_ASCENDING,
            10,
            Optional.empty());

    var filters = RequestJson.of(ProductQueries.search("p", search)).at("/query/bool/filter");

    assertThat(filters.toString())
        .contains("{\"term\":{\"category\":{\"value\":\"Kitchen\"}}}")
        .contains("{\"term\":{\"currency\":{\"value\":\"EUR\"}}}")
        .contains("{\"range\":{\"price_minor\":{\"gte\":100}}}")
        .contains("{\"range\":{\"price_minor\":{\"lte\":2000}}}")
        .contains("{\"term\":{\"active\":{\"value\":true}}}")
        .contains("{\"term\":{\"available\":{\"value\":true}}}");
    assertThat(filters.size()).isEqualTo(6);
  }

  @Test
  void search_onlyAMaximumPrice_restrictsToItsCurrencyWithoutLowerBound() {
    var search =
        new ProductSearch(
            "",
            "",
            Optional.of(new PriceRange("USD", OptionalLong.empty(), OptionalLong.of(500))),
            false,
            false,
            ProductSort.NAME_ASCENDING,
            10,
            Optional.empty());

    var filters = RequestJson.of(ProductQueries.search("p", search)).at("/query/bool/filter");

    assertThat(filters.toString())
        .contains("\"USD\"")
        .contains("{\"lte\":500}")
        .doesNotContain("gte");
  }

  @Test
  void sort_everyOrder_endsOnTheProductIdTiebreaker() {
    assertThat(sortOf(ProductSort.RELEVANCE))
        .isEqualTo("[{\"_score\":{\"order\":\"desc\"}},{\"product_id\":{\"order\":\"asc\"}}]");
    assertThat(sortOf(ProductSort.PRICE_ASCENDING))
        .isEqualTo("[{\"price_minor\":{\"order\":\"asc\"}},{\"product_id\":{\"order\":\"asc\"}}]");
    assertThat(sortOf(ProductSort.PRICE_DESCENDING))
        .isEqualTo("[{\"price_minor\":{\"order\":\"desc\"}},{\"product_id\":{\"order\":\"asc\"}}]");
    assertThat(sortOf(ProductSort.NAME_ASCENDING))
        .isEqualTo("[{\"name.sort\":{\"order\":\"asc\"}},{\"product_id\":{\"order\":\"asc\"}}]");
    assertThat(sortOf(ProductSort.NAME_DESCENDING))
        .isEqualTo("[{\"name.sort\":{\"order\":\"desc\"}},{\"product_id\":{\"order\":\"asc\"}}]");
  }

  @Test
  void search_withCursor_continuesAfterItsSortValues() {
    var search =
        new ProductSearch(
            "mug",
            "",
            Optional.empty(),
            false,
            false,
            ProductSort.RELEVANCE,
            5,
            Optional.of(new PageCursor(List.of(1.25, "p-7"))));

    var json = RequestJson.of(ProductQueries.search("p", search));

    assertThat(json.at("/search_after").toString()).isEqualTo("[1.25,\"p-7\"]");
  }

  @Test
  void defaultSort_dependsOnWhetherThereIsText() {
    assertThat(ProductSort.defaultFor("mug")).isEqualTo(ProductSort.RELEVANCE);
    assertThat(ProductSort.defaultFor(" ")).isEqualTo(ProductSort.NAME_ASCENDING);
  }

  private static String sortOf(ProductSort sort) {
    return RequestJson.of(ProductQueries.search("p", withSort(sort))).at("/sort").toString();
  }

  private static ProductSearch withText(String text) {
    return new ProductSearch(
        text, "", Optional.empty(), false, false, ProductSort.RELEVANCE, 20, Optional.empty());
  }

  private static ProductSearch withSort(ProductSort sort) {
    return new ProductSearch("", "", Optional.empty(), false, false, sort, 20, Optional.empty());
  }
}
