package io.cqrsshop.query.application;

/** The {@code limit} best products of a period, ranked by units or by revenue. */
public record TopProductsQuery(SalesPeriod period, Ranking ranking, int limit) {

  /** What "best" means. */
  public enum Ranking {
    UNITS,
    REVENUE
  }
}
