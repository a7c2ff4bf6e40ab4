package io.cqrsshop.query.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Sales of every day of a range in one currency, and their total. */
public record SalesSummary(String currency, List<SalesOfDay> days, SalesFigures total) {

  public SalesSummary {
    days = List.copyOf(days);
  }

  /**
   * Builds the summary from the figures of the days that had sales: the other days of the range
   * appear with zero orders, so that a chart has no gaps.
   */
  public static SalesSummary of(
      String currency, DateRange range, Map<LocalDate, SalesFigures> sold) {
    List<SalesOfDay> days =
        range.days().stream()
            .map(day -> new SalesOfDay(day, sold.getOrDefault(day, SalesFigures.NONE)))
            .toList();
    SalesFigures total =
        days.stream().map(SalesOfDay::figures).reduce(SalesFigures.NONE, SalesFigures::plus);
    return new SalesSummary(currency, days, total);
  }
}
