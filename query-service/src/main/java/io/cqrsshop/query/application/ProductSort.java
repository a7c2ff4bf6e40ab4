package io.cqrsshop.query.application;

/** How catalog search results are ordered; every order ends on the product id, for paging. */
public enum ProductSort {
  RELEVANCE,
  PRICE_ASCENDING,
  PRICE_DESCENDING,
  NAME_ASCENDING,
  NAME_DESCENDING;

  /** The order when the caller names none: relevance ranks nothing without search text. */
  public static ProductSort defaultFor(String text) {
    return text.isBlank() ? NAME_ASCENDING : RELEVANCE;
  }
}
