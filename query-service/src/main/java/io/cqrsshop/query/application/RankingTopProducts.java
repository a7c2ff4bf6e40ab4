package io.cqrsshop.query.application;

import io.cqrsshop.query.domain.TopProduct;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;
import java.util.List;

/** Answers GetTopProducts: the best-selling products of a period. */
public final class RankingTopProducts {

  private final ReadYourWrites readYourWrites;
  private final SalesAnalytics sales;

  public RankingTopProducts(ReadYourWrites readYourWrites, SalesAnalytics sales) {
    this.readYourWrites = readYourWrites;
    this.sales = sales;
  }

  public Outcome<List<TopProduct>> rank(TopProductsQuery query, ReadConsistency consistency) {
    return readYourWrites
        .await(ReadModel.SALES, Visibility.SEARCH, consistency)
        .map(ready -> sales.topProducts(query));
  }
}
