package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.GetOrderResponse;
import io.cqrsshop.proto.v1.ListCustomerOrdersResponse;
import io.cqrsshop.proto.v1.Order;
import io.cqrsshop.proto.v1.OrderLine;
import io.cqrsshop.proto.v1.OrderStatus;
import io.cqrsshop.proto.v1.OrderStatusChange;
import io.cqrsshop.proto.v1.WatchCustomerOrdersResponse;
import io.cqrsshop.proto.v1.WatchOrderResponse;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.Rejection;
import java.util.Map;

/** Maps order documents to the order history view. */
final class OrderViews {

  private OrderViews() {}

  /** GetOrder's answer when there is no order with the id. */
  static Rejection notFound(String orderId) {
    return new Rejection.NotFound(
        "ORDER_NOT_FOUND", "no order with id " + orderId, Map.of("order_id", orderId));
  }

  static GetOrderResponse getResponse(OrderDocument order) {
    return GetOrderResponse.newBuilder().setOrder(order(order)).build();
  }

  static WatchOrderResponse watchResponse(OrderDocument order) {
    return WatchOrderResponse.newBuilder()
        .setOrder(order(order))
        .setConsistencyToken(token(order))
        .build();
  }

  static WatchCustomerOrdersResponse watchCustomerResponse(OrderDocument order) {
    return WatchCustomerOrdersResponse.newBuilder()
        .setOrder(order(order))
        .setConsistencyToken(token(order))
        .build();
  }

  private static String token(OrderDocument order) {
    return WatchTarget.token(AggregateType.ORDER, order.orderId(), order.version());
  }

  static ListCustomerOrdersResponse listResponse(
      Page<OrderDocument> page, PageTokens pageTokens, String fingerprint) {
    ListCustomerOrdersResponse.Builder response = ListCustomerOrdersResponse.newBuilder();
    page.items().forEach(order -> response.addOrders(order(order)));
    page.next().ifPresent(next -> response.setNextPageToken(pageTokens.encode(next, fingerprint)));
    return response.build();
  }

  static Order order(OrderDocument document) {
    Order.Builder order =
        Order.newBuilder()
            .setOrderId(document.orderId())
            .setCustomerId(ProtoValues.text(document.customerId()))
            .setCustomerName(ProtoValues.text(document.customerName()))
            .setTotal(ProtoValues.money(document.currency(), document.totalMinor()))
            .setStatus(status(document.status()))
            .setVersion(document.version());
    for (OrderDocument.Line line : document.lines()) {
      order.addLines(line(line, document.currency()));
    }
    // The projector appends changes as they happen, so the history is already oldest first.
    for (OrderDocument.StatusChange change : document.statusHistory()) {
      order.addStatusHistory(change(change));
    }
    ProtoValues.timestamp(document.placedAt()).ifPresent(order::setPlaceTime);
    ProtoValues.timestamp(document.updatedAt()).ifPresent(order::setUpdateTime);
    return order.build();
  }

  private static OrderLine line(OrderDocument.Line line, String currency) {
    return OrderLine.newBuilder()
        .setProductId(ProtoValues.text(line.productId()))
        .setProductName(ProtoValues.text(line.productName()))
        .setQuantity(line.quantity())
        .setUnitPrice(ProtoValues.money(currency, line.unitPriceMinor()))
        .setLineTotal(ProtoValues.money(currency, line.lineTotalMinor()))
        .build();
  }

  private static OrderStatusChange change(OrderDocument.StatusChange change) {
    OrderStatusChange.Builder proto =
        OrderStatusChange.newBuilder()
            .setStatus(status(change.status()))
            .setReason(ProtoValues.text(change.reason()));
    ProtoValues.timestamp(change.changedAt()).ifPresent(proto::setChangeTime);
    return proto.build();
  }

  private static OrderStatus status(String status) {
    return switch (ProtoValues.text(status)) {
      case OrderDocument.STATUS_PLACED -> OrderStatus.ORDER_STATUS_PLACED;
      case OrderDocument.STATUS_SHIPPED -> OrderStatus.ORDER_STATUS_SHIPPED;
      case OrderDocument.STATUS_CANCELLED -> OrderStatus.ORDER_STATUS_CANCELLED;
      default -> OrderStatus.ORDER_STATUS_UNSPECIFIED;
    };
  }
}
