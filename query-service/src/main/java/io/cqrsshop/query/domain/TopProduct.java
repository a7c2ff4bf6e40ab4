package io.cqrsshop.query.domain;

/** A product's sales over a date range, with the name most of its order lines captured. */
public record TopProduct(String productId, String productName, long unitsSold, long revenueMinor) {}
