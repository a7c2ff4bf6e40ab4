package io.cqrsshop.query.application;

/** How catalog search results are ordered; every order ends on the product id, for paging. */
public enum ProductSort {
  RELEVANCE,
  PRICE_ASCENDING,
  PRICE_DESCENDING,
  NAME_ASCENDING,
  NAME_DESCENDING;

  /** The sort values of a page cursor in this order: the first field's, then the product id. */
  public PageCursor.Shape cursorShape() {
    Class<?> first =
        switch (this) {
          case RELEVANCE -> Double.class;
          case PRICE_ASCENDING, PRICE_DESCENDING -> Long.class;
          case NAME_ASCENDING, NAME_DESCENDING -> String.class;
        };
    PageCursor.Shape shape = PageCursor.Shape.of(first, String.class);
    // The name's sort field keeps names up to a length; longer ones sort as missing.
    return first == String.class ? shape.withMissing(0) : shape;
  }

  /** The order when the caller names none: relevance ranks nothing without search text. */
  public static ProductSort defaultFor(String text) {
    return text.isBlank() ? NAME_ASCENDING : RELEVANCE;
  }
}
