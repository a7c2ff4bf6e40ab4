package io.cqrsshop.query.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Orders and revenue (in minor units of one currency) over some period. */
public record SalesFigures(long orderCount, long revenueMinor) {

  public static final SalesFigures NONE = new SalesFigures(0, 0);

  public SalesFigures {
    if (orderCount < 0) {
      throw new IllegalArgumentException("order count must not be negative, was " + orderCount);
    }
  }

  /** Revenue per order, rounded half-up to the minor unit; zero when there were no orders. */
  public long averageOrderValueMinor() {
    if (orderCount == 0) {
      return 0;
    }
    return BigDecimal.valueOf(revenueMinor)
        .divide(BigDecimal.valueOf(orderCount), 0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  public SalesFigures plus(SalesFigures other) {
    return new SalesFigures(
        orderCount + other.orderCount, Math.addExact(revenueMinor, other.revenueMinor));
  }
}
