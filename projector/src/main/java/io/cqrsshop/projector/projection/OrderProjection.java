package io.cqrsshop.projector.projection;

import io.cqrsshop.proto.events.v1.OrderLineState;
import io.cqrsshop.proto.events.v1.OrderState;
import io.cqrsshop.proto.events.v1.OrderStatus;
import io.cqrsshop.proto.events.v1.OrderStatusEntry;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.SalesDocument;

/**
 * Maps an order's state to its two documents: the order history entry and the sales record that
 * analytics aggregate (a cancelled order stays there but no longer counts).
 */
public final class OrderProjection {

  private OrderProjection() {}

  static boolean isKnown(OrderStatus status) {
    return status == OrderStatus.ORDER_STATUS_PLACED
        || status == OrderStatus.ORDER_STATUS_SHIPPED
        || status == OrderStatus.ORDER_STATUS_CANCELLED;
  }

  public static OrderDocument toOrderDocument(OrderState order, long version) {
    return new OrderDocument(
        order.getOrderId(),
        order.getCustomerId(),
        order.getCustomerName(),
        order.getLinesList().stream().map(OrderProjection::orderLine).toList(),
        order.getTotal().getCurrencyCode(),
        order.getTotal().getAmountMinor(),
        statusName(order.getStatus()),
        order.getStatusHistoryList().stream().map(OrderProjection::statusChange).toList(),
        version,
        Timestamps.instant(order.hasPlaceTime(), order.getPlaceTime()),
        Timestamps.instant(order.hasUpdateTime(), order.getUpdateTime()));
  }

  public static SalesDocument toSalesDocument(OrderState order, long version) {
    return new SalesDocument(
        order.getOrderId(),
        Timestamps.instant(order.hasPlaceTime(), order.getPlaceTime()),
        statusName(order.getStatus()),
        order.getStatus() != OrderStatus.ORDER_STATUS_CANCELLED,
        order.getTotal().getCurrencyCode(),
        order.getTotal().getAmountMinor(),
        order.getLinesList().stream().map(OrderProjection::salesLine).toList(),
        version);
  }

  static String statusName(OrderStatus status) {
    return switch (status) {
      case ORDER_STATUS_PLACED -> OrderDocument.STATUS_PLACED;
      case ORDER_STATUS_SHIPPED -> OrderDocument.STATUS_SHIPPED;
      case ORDER_STATUS_CANCELLED -> OrderDocument.STATUS_CANCELLED;
      case ORDER_STATUS_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("order status " + status + " has no read-model name");
    };
  }

  private static OrderDocument.Line orderLine(OrderLineState line) {
    return new OrderDocument.Line(
        line.getProductId(),
        line.getProductName(),
        line.getQuantity(),
        line.getUnitPrice().getAmountMinor(),
        line.getLineTotal().getAmountMinor());
  }

  private static SalesDocument.Line salesLine(OrderLineState line) {
    return new SalesDocument.Line(
        line.getProductId(),
        line.getProductName(),
        line.getQuantity(),
        line.getLineTotal().getAmountMinor());
  }

  private static OrderDocument.StatusChange statusChange(OrderStatusEntry entry) {
    return new OrderDocument.StatusChange(
        statusName(entry.getStatus()),
        Timestamps.instant(entry.hasChangeTime(), entry.getChangeTime()),
        entry.getReason());
  }
}
