package io.cqrsshop.query.it;

import static io.cqrsshop.query.it.Documents.sale;
import static io.cqrsshop.query.it.Documents.saleLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.proto.v1.DailySales;
import io.cqrsshop.proto.v1.GetSalesSummaryRequest;
import io.cqrsshop.proto.v1.GetSalesSummaryResponse;
import io.cqrsshop.proto.v1.GetTopProductsRequest;
import io.cqrsshop.proto.v1.TopProduct;
import io.cqrsshop.proto.v1.TopProductsMetric;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.SalesDocument;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known sales from 2026-11-01 to 2026-11-05 in EUR, plus what must not count: a cancelled order, an
 * order in USD, and orders a second outside either end of the range.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesReportsIT {

  private final String mug = Documents.newId();
  private final String teapot = Documents.newId();
  private final String apron = Documents.newId();

  @RegisterExtension
  static final RunningQueryService service = RunningQueryService.start().withIndices();

  @BeforeAll
  void start() {
    service.index(
        ReadModel.SALES,
        countedEuroSale(
            "2026-11-01T10:00:00Z",
            saleLine(mug, "Blue Mug", 2, 1299),
            saleLine(teapot, "Teapot", 1, 2599)),
        countedEuroSale("2026-11-01T23:59:59Z", saleLine(mug, "Blue Mug", 1, 1299)),
        sale("2026-11-02T00:00:00Z", "EUR", false, saleLine(teapot, "Teapot", 5, 2599)),
        sale("2026-11-03T12:00:00Z", "USD", true, saleLine(mug, "Blue Mug", 10, 1500)),
        countedEuroSale(
            "2026-11-04T08:00:00Z",
            saleLine(apron, "Apron", 3, 1999),
            saleLine(mug, "Blue Mug v0", 1, 1299)),
        countedEuroSale("2026-10-31T23:59:59Z", saleLine(teapot, "Teapot", 1, 2599)),
        countedEuroSale("2026-11-06T00:00:00Z", saleLine(teapot, "Teapot", 1, 2599)));
  }

  @Test
  void getSalesSummary_everyDayOfTheRange_withCountedEuroOrdersOnly() {
    var summary = salesSummary("2026-11-01", "2026-11-05", "EUR");

    assertThat(summary.getDaysList())
        .extracting(SalesReportsIT::row)
        .containsExactly(
            "2026-11-01 2 6496 3248",
            "2026-11-02 0 0 0",
            "2026-11-03 0 0 0",
            "2026-11-04 1 7296 7296",
            "2026-11-05 0 0 0");
    assertThat(row(summary.getTotal())).isEqualTo(" 3 13792 4597");
    assertThat(summary.getTotal().getRevenue().getCurrencyCode()).isEqualTo("EUR");
  }

  @Test
  void getSalesSummary_otherCurrency_countsOnlyItsOrders() {
    var summary = salesSummary("2026-11-03", "2026-11-03", "USD");

    assertThat(summary.getDaysList())
        .extracting(SalesReportsIT::row)
        .containsExactly("2026-11-03 1 15000 15000");
  }

  @Test
  void getTopProducts_byUnits_ranksWithUnitsRevenueAndMostFrequentName() {
    var top =
        service.queries.getTopProducts(
            knownRange(TopProductsMetric.TOP_PRODUCTS_METRIC_UNITS).build());

    assertThat(top.getProductsList())
        .extracting(SalesReportsIT::row)
        .containsExactly(
            mug + " Blue Mug 4 5196", apron + " Apron 3 5997", teapot + " Teapot 1 2599");
  }

  @Test
  void getTopProducts_byRevenueWithLimit_ranksTheBestFew() {
    var top =
        service.queries.getTopProducts(
            knownRange(TopProductsMetric.TOP_PRODUCTS_METRIC_REVENUE).setLimit(2).build());

    assertThat(top.getProductsList())
        .extracting(TopProduct::getProductId)
        .containsExactly(apron, mug);
  }

  @Test
  void getTopProducts_rangeWithoutSales_isEmpty() {
    var top =
        service.queries.getTopProducts(topProducts("2025-01-01", "2025-01-31", "EUR").build());

    assertThat(top.getProductsList()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0001-01-01", "9999-12-31"})
  void salesReports_firstAndLastDayEveryStoreAccepts_areAnswered(String day) {
    var summary = salesSummary(day, day, "EUR");
    var top = service.queries.getTopProducts(topProducts(day, day, "EUR").build());

    assertThat(summary.getDaysList())
        .extracting(SalesReportsIT::row)
        .containsExactly(day + " 0 0 0");
    assertThat(top.getProductsList()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0000-12-31",
        "-0001-01-01",
        "+10000-01-01",
        "+999999999-12-31",
        "-999999999-01-01"
      })
  void salesReports_yearsOutsideOneToNineThousandNineHundredNinetyNine_areInvalidArgument(
      String day) {
    for (Runnable call :
        List.<Runnable>of(
            () -> salesSummary(day, day, "EUR"),
            () -> service.queries.getTopProducts(topProducts(day, day, "EUR").build()))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }
  }

  /** A sale in EUR that counts (its order was not cancelled). */
  private static SalesDocument countedEuroSale(String placedAt, SalesDocument.Line... lines) {
    return sale(placedAt, "EUR", true, lines);
  }

  private static GetSalesSummaryResponse salesSummary(String start, String end, String currency) {
    return service.queries.getSalesSummary(
        GetSalesSummaryRequest.newBuilder()
            .setStartDate(start)
            .setEndDate(end)
            .setCurrencyCode(currency)
            .build());
  }

  /** The top products of the days with known sales, 2026-11-01 to 2026-11-05, in EUR. */
  private static GetTopProductsRequest.Builder knownRange(TopProductsMetric metric) {
    return topProducts("2026-11-01", "2026-11-05", "EUR").setMetric(metric);
  }

  private static GetTopProductsRequest.Builder topProducts(
      String start, String end, String currency) {
    return GetTopProductsRequest.newBuilder()
        .setStartDate(start)
        .setEndDate(end)
        .setCurrencyCode(currency);
  }

  private static String row(DailySales day) {
    return day.getDate()
        + " "
        + day.getOrderCount()
        + " "
        + day.getRevenue().getAmountMinor()
        + " "
        + day.getAverageOrderValue().getAmountMinor();
  }

  private static String row(TopProduct product) {
    return product.getProductId()
        + " "
        + product.getProductName()
        + " "
        + product.getUnitsSold()
        + " "
        + product.getRevenue().getAmountMinor();
  }
}
