package io.cqrsshop.readmodel;

import java.time.Instant;
import java.util.List;

/**
 * An order as the {@link ReadModel#SALES} index sees it: when, how much, which products, and
 * whether it counts ({@code counted} is false once cancelled). Lines are {@code nested} so that
 * per-product aggregations keep each line's product and amounts together.
 */
public record SalesDocument(
    String orderId,
    Instant placedAt,
    String status,
    boolean counted,
    String currency,
    long totalMinor,
    List<Line> lines,
    long version) {

  public SalesDocument {
    lines = List.copyOf(lines);
  }

  /** One line: product, units and revenue. */
  public record Line(String productId, String productName, long quantity, long revenueMinor) {}

  /** Field names for queries and aggregations. */
  public static final class Fields {
    public static final String PLACED_AT = "placed_at";
    public static final String COUNTED = "counted";
    public static final String CURRENCY = "currency";
    public static final String TOTAL_MINOR = "total_minor";
    public static final String LINES = "lines";
    public static final String LINE_PRODUCT_ID = "lines.product_id";
    public static final String LINE_PRODUCT_NAME = "lines.product_name";
    public static final String LINE_QUANTITY = "lines.quantity";
    public static final String LINE_REVENUE_MINOR = "lines.revenue_minor";
    public static final String VERSION = "version";

    private Fields() {}
  }
}
