package io.cqrsshop.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesFiguresTest {

  @Test
  void averageOrderValueMinor_noOrders_isZero() {
    assertThat(SalesFigures.NONE.averageOrderValueMinor()).isZero();
  }

  @Test
  void averageOrderValueMinor_exactQuotient_isExact() {
    assertThat(new SalesFigures(4, 1000).averageOrderValueMinor()).isEqualTo(250);
  }

  @Test
  void averageOrderValueMinor_belowHalf_roundsDown() {
    assertThat(new SalesFigures(3, 1000).averageOrderValueMinor()).isEqualTo(333);
  }

  @Test
  void averageOrderValueMinor_exactlyHalf_roundsUp() {
    assertThat(new SalesFigures(2, 1001).averageOrderValueMinor()).isEqualTo(501);
  }

  @Test
  void averageOrderValueMinor_aboveHalf_roundsUp() {
    assertThat(new SalesFigures(3, 2000).averageOrderValueMinor()).isEqualTo(667);
  }

  @Test
  void summaryOf_daysWithoutSales_appearAsZeroAndTotalAddsUp() {
    var first = LocalDate.parse("2026-11-01");
    var range = new DateRange(first, first.plusDays(2));

    var summary =
        SalesSummary.of(
            "EUR",
            range,
            Map.of(first, new SalesFigures(2, 3000), first.plusDays(2), new SalesFigures(1, 500)));

    assertThat(summary.days())
        .containsExactly(
            new SalesOfDay(first, new SalesFigures(2, 3000)),
            new SalesOfDay(first.plusDays(1), SalesFigures.NONE),
            new SalesOfDay(first.plusDays(2), new SalesFigures(1, 500)));
    assertThat(summary.total()).isEqualTo(new SalesFigures(3, 3500));
    assertThat(summary.total().averageOrderValueMinor()).isEqualTo(1167);
  }
}
