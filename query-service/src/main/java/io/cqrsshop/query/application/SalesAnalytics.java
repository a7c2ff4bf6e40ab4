package io.cqrsshop.query.application;

import io.cqrsshop.query.domain.SalesFigures;
import io.cqrsshop.query.domain.SalesSummary;
import io.cqrsshop.query.domain.TopProduct;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Aggregations over the sales read model; cancelled orders never count. */
public interface SalesAnalytics {

  /** Figures of the days of the period that had counted orders. */
  Map<LocalDate, SalesFigures> salesPerDay(SalesPeriod period);

  /** Orders, revenue and average order value of every day of the period, and in total. */
  default SalesSummary summary(SalesPeriod period) {
    return SalesSummary.of(period.currency(), period.range(), salesPerDay(period));
  }

  /** The best products of the period, best first. */
  List<TopProduct> topProducts(TopProductsQuery query);
}
