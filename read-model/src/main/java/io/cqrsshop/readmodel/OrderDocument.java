package io.cqrsshop.readmodel;

import java.time.Instant;
import java.util.List;

/** An order in the {@link ReadModel#ORDERS} index (order history), keyed by {@code orderId}. */
public record OrderDocument(
    String orderId,
    String customerId,
    String customerName,
    List<Line> lines,
    String currency,
    long totalMinor,
    String status,
    List<StatusChange> statusHistory,
    long version,
    Instant placedAt,
    Instant updatedAt) {

  public static final String STATUS_PLACED = "PLACED";
  public static final String STATUS_SHIPPED = "SHIPPED";
  public static final String STATUS_CANCELLED = "CANCELLED";

  public OrderDocument {
    lines = List.copyOf(lines);
    statusHistory = List.copyOf(statusHistory);
  }

  /** One order line, priced at placement. */
  public record Line(
      String productId,
      String productName,
      long quantity,
      long unitPriceMinor,
      long lineTotalMinor) {}

  /** One status the order has had. */
  public record StatusChange(String status, Instant changedAt, String reason) {}

  /** Field names for queries. */
  public static final class Fields {
    public static final String ORDER_ID = "order_id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String STATUS = "status";
    public static final String PLACED_AT = "placed_at";
    public static final String VERSION = "version";

    private Fields() {}
  }
}
