package io.cqrsshop.query.application;

import io.cqrsshop.query.domain.SalesSummary;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;

/** Answers GetSalesSummary: orders, revenue and average order value per day and in total. */
public final class SummarizingSales {

  private final ReadYourWrites readYourWrites;
  private final SalesAnalytics sales;

  public SummarizingSales(ReadYourWrites readYourWrites, SalesAnalytics sales) {
    this.readYourWrites = readYourWrites;
    this.sales = sales;
  }

  public Outcome<SalesSummary> summarize(SalesPeriod period, ReadConsistency consistency) {
    return readYourWrites
        .await(ReadModel.SALES, Visibility.SEARCH, consistency)
        .map(
            ready -> SalesSummary.of(period.currency(), period.range(), sales.salesPerDay(period)));
  }
}
