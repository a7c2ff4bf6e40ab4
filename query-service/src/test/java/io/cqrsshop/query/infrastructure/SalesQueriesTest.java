package io.cqrsshop.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.query.application.SalesPeriod;
import io.cqrsshop.query.application.TopProductsQuery;
import io.cqrsshop.query.domain.DateRange;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SalesQueriesTest {

  private static final SalesPeriod NOVEMBER_FIRST_WEEK =
      new SalesPeriod(
          new DateRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-07")), "EUR");

  @Test
  void perDay_filtersCountedOrdersOfTheCurrencyPlacedInTheRangeInUtc() {
    var json = RequestJson.of(SalesQueries.perDay("shop-sales", NOVEMBER_FIRST_WEEK));

    var filters = json.at("/query/bool/filter").toString();
    assertThat(filters)
        .contains("{\"term\":{\"counted\":{\"value\":true}}}")
        .contains("{\"term\":{\"currency\":{\"value\":\"EUR\"}}}")
        .contains(
            "{\"range\":{\"placed_at\":{\"gte\":\"2026-11-01T00:00:00Z\","
                + "\"lte\":\"2026-11-07T23:59:59.999Z\"}}}");
    assertThat(json.at("/size").asInt()).isZero();
  }

  @Test
  void perDay_histogramHasABucketForEveryDayWithRevenue() {
    var histogram =
        RequestJson.of(SalesQueries.perDay("s", NOVEMBER_FIRST_WEEK)).at("/aggregations/per_day");

    var dates = histogram.at("/date_histogram");
    assertThat(dates.at("/field").asText()).isEqualTo("placed_at");
    assertThat(dates.at("/calendar_interval").asText()).isEqualTo("day");
    assertThat(dates.at("/time_zone").asText()).isEqualTo("UTC");
    assertThat(dates.at("/min_doc_count").asInt()).isZero();
    assertThat(dates.at("/extended_bounds").toString())
        .isEqualTo("{\"max\":\"2026-11-07\",\"min\":\"2026-11-01\"}");
    assertThat(histogram.at("/aggregations/revenue/sum/field").asText()).isEqualTo("total_minor");
  }

  @Test
  void topProducts_byUnits_ranksNestedLinesBySummedQuantityThenId() {
    var query = new TopProductsQuery(NOVEMBER_FIRST_WEEK, TopProductsQuery.Ranking.UNITS, 5);

    var lines = RequestJson.of(SalesQueries.topProducts("s", query)).at("/aggregations/lines");

    assertThat(lines.at("/nested/path").asText()).isEqualTo("lines");
    var products = lines.at("/aggregations/products");
    assertThat(products.at("/terms/field").asText()).isEqualTo("lines.product_id");
    assertThat(products.at("/terms/size").asInt()).isEqualTo(5);
    assertThat(products.at("/terms/order").toString())
        .isEqualTo("[{\"units\":\"desc\"},{\"_key\":\"asc\"}]");
    assertThat(products.at("/aggregations/units/sum/field").asText()).isEqualTo("lines.quantity");
    assertThat(products.at("/aggregations/revenue/sum/field").asText())
        .isEqualTo("lines.revenue_minor");
    assertThat(products.at("/aggregations/names/terms/field").asText())
        .isEqualTo("lines.product_name");
    assertThat(products.at("/aggregations/names/terms/size").asInt()).isEqualTo(1);
  }

  @Test
  void topProducts_byRevenue_ranksBySummedRevenue() {
    var query = new TopProductsQuery(NOVEMBER_FIRST_WEEK, TopProductsQuery.Ranking.REVENUE, 10);

    var order =
        RequestJson.of(SalesQueries.topProducts("s", query))
            .at("/aggregations/lines/aggregations/products/terms/order");

    assertThat(order.toString()).isEqualTo("[{\"revenue\":\"desc\"},{\"_key\":\"asc\"}]");
  }

  @Test
  void topProducts_appliesTheSameFilterAsTheSummary() {
    var query = new TopProductsQuery(NOVEMBER_FIRST_WEEK, TopProductsQuery.Ranking.UNITS, 10);

    assertThat(RequestJson.of(SalesQueries.topProducts("s", query)).at("/query"))
        .isEqualTo(RequestJson.of(SalesQueries.perDay("s", NOVEMBER_FIRST_WEEK)).at("/query"));
  }
}
