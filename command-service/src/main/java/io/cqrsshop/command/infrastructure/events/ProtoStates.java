package io.cqrsshop.command.infrastructure.events;

import com.google.protobuf.Timestamp;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.order.Order;
import io.cqrsshop.command.domain.order.OrderLine;
import io.cqrsshop.command.domain.order.OrderStatus;
import io.cqrsshop.command.domain.order.StatusChange;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductStatus;
import io.cqrsshop.command.domain.user.EmailChange;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.proto.events.v1.EmailHistoryEntry;
import io.cqrsshop.proto.events.v1.OrderLineState;
import io.cqrsshop.proto.events.v1.OrderState;
import io.cqrsshop.proto.events.v1.OrderStatusEntry;
import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.UserState;
import java.time.Instant;

/** Aggregate states in their wire form, as every event carries them. */
public final class ProtoStates {

  private ProtoStates() {}

  public static ProductState product(Product product) {
    return ProductState.newBuilder()
        .setProductId(product.id().toString())
        .setSku(product.sku().value())
        .setName(product.details().name())
        .setDescription(product.details().description())
        .setCategory(product.details().category())
        .setPrice(money(product.price()))
        .setStock(product.stock())
        .setStatus(
            product.status() == ProductStatus.ACTIVE
                ? io.cqrsshop.proto.events.v1.ProductStatus.PRODUCT_STATUS_ACTIVE
                : io.cqrsshop.proto.events.v1.ProductStatus.PRODUCT_STATUS_DISCONTINUED)
        .setCreateTime(timestamp(product.createTime()))
        .setUpdateTime(timestamp(product.updateTime()))
        .build();
  }

  public static UserState user(User user) {
    UserState.Builder state =
        UserState.newBuilder()
            .setUserId(user.id().toString())
            .setEmail(user.email().value())
            .setName(user.name())
            .setDeleted(user.deleted())
            .setCreateTime(timestamp(user.createTime()))
            .setUpdateTime(timestamp(user.updateTime()));
    for (EmailChange change : user.emailHistory()) {
      state.addEmailHistory(
          EmailHistoryEntry.newBuilder()
              .setEmail(change.email().value())
              .setChangeTime(timestamp(change.changeTime())));
    }
    return state.build();
  }

  public static OrderState order(Order order) {
    OrderState.Builder state =
        OrderState.newBuilder()
            .setOrderId(order.id().toString())
            .setCustomerId(order.customerId().toString())
            .setCustomerName(order.customerName())
            .setTotal(money(order.total()))
            .setStatus(status(order.status()))
            .setPlaceTime(timestamp(order.placeTime()))
            .setUpdateTime(timestamp(order.updateTime()));
    for (OrderLine line : order.lines()) {
      state.addLines(
          OrderLineState.newBuilder()
              .setProductId(line.productId().toString())
              .setProductName(line.productName())
              .setQuantity(line.quantity())
              .setUnitPrice(money(line.unitPrice()))
              .setLineTotal(money(line.lineTotal())));
    }
    for (StatusChange change : order.statusHistory()) {
      state.addStatusHistory(
          OrderStatusEntry.newBuilder()
              .setStatus(status(change.status()))
              .setChangeTime(timestamp(change.changeTime()))
              .setReason(change.reason()));
    }
    return state.build();
  }

  public static io.cqrsshop.proto.v1.Money money(Money money) {
    return io.cqrsshop.proto.v1.Money.newBuilder()
        .setCurrencyCode(money.currencyCode())
        .setAmountMinor(money.amountMinor())
        .build();
  }

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  private static io.cqrsshop.proto.events.v1.OrderStatus status(OrderStatus status) {
    return switch (status) {
      case PLACED -> io.cqrsshop.proto.events.v1.OrderStatus.ORDER_STATUS_PLACED;
      case SHIPPED -> io.cqrsshop.proto.events.v1.OrderStatus.ORDER_STATUS_SHIPPED;
      case CANCELLED -> io.cqrsshop.proto.events.v1.OrderStatus.ORDER_STATUS_CANCELLED;
    };
  }
}
