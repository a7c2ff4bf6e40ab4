package io.cqrsshop.projector.testing;

import com.google.protobuf.Timestamp;
import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EmailHistoryEntry;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.OrderCancelled;
import io.cqrsshop.proto.events.v1.OrderLineState;
import io.cqrsshop.proto.events.v1.OrderPlaced;
import io.cqrsshop.proto.events.v1.OrderShipped;
import io.cqrsshop.proto.events.v1.OrderState;
import io.cqrsshop.proto.events.v1.OrderStatus;
import io.cqrsshop.proto.events.v1.OrderStatusEntry;
import io.cqrsshop.proto.events.v1.ProductCreated;
import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.ProductStatus;
import io.cqrsshop.proto.events.v1.ProductStockAdjusted;
import io.cqrsshop.proto.events.v1.UserCreated;
import io.cqrsshop.proto.events.v1.UserRenamed;
import io.cqrsshop.proto.events.v1.UserState;
import io.cqrsshop.proto.v1.Money;
import java.time.Instant;
import java.util.UUID;

/** Events as command-service emits them, for tests: each carries the full state after it. */
public final class Events {

  public static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");

  private Events() {}

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  public static Money eur(long minor) {
    return Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(minor).build();
  }

  /** A product's state at {@code version}: its stock is {@code 10 * version}, its name says it. */
  public static ProductState product(String id, long version) {
    return ProductState.newBuilder()
        .setProductId(id)
        .setSku("SKU-" + id.substring(0, 8))
        .setName("Espresso cup v" + version)
        .setDescription("A small cup")
        .setCategory("Kitchen")
        .setPrice(eur(1250))
        .setStock(10 * version)
        .setStatus(ProductStatus.PRODUCT_STATUS_ACTIVE)
        .setCreateTime(timestamp(CREATED))
        .setUpdateTime(timestamp(CREATED.plusSeconds(version)))
        .build();
  }

  /** A user's state at {@code version}: named after it, with one address. */
  public static UserState user(String id, long version) {
    String email = "user-" + id.substring(0, 8) + "@example.com";
    return UserState.newBuilder()
        .setUserId(id)
        .setEmail(email)
        .setName("User v" + version)
        .addEmailHistory(
            EmailHistoryEntry.newBuilder().setEmail(email).setChangeTime(timestamp(CREATED)))
        .setCreateTime(timestamp(CREATED))
        .setUpdateTime(timestamp(CREATED.plusSeconds(version)))
        .build();
  }

  /** An order of two lines: 2 x 1250 + 1 x 300 EUR, placed at {@link #CREATED}. */
  public static OrderState order(String id, OrderStatus status) {
    OrderState.Builder order =
        OrderState.newBuilder()
            .setOrderId(id)
            .setCustomerId("c0ffee00-0000-4000-8000-000000000001")
            .setCustomerName("Ada")
            .addLines(line("11111111-0000-4000-8000-000000000001", "Cup", 2, 1250))
            .addLines(line("11111111-0000-4000-8000-000000000002", "Saucer", 1, 300))
            .setTotal(eur(2800))
            .setStatus(status)
            .addStatusHistory(
                OrderStatusEntry.newBuilder()
                    .setStatus(OrderStatus.ORDER_STATUS_PLACED)
                    .setChangeTime(timestamp(CREATED)))
            .setPlaceTime(timestamp(CREATED))
            .setUpdateTime(timestamp(CREATED));
    if (status != OrderStatus.ORDER_STATUS_PLACED) {
      order
          .addStatusHistory(
              OrderStatusEntry.newBuilder()
                  .setStatus(status)
                  .setChangeTime(timestamp(CREATED.plusSeconds(60)))
                  .setReason(status == OrderStatus.ORDER_STATUS_CANCELLED ? "changed mind" : ""))
          .setUpdateTime(timestamp(CREATED.plusSeconds(60)));
    }
    return order.build();
  }

  private static OrderLineState line(String productId, String name, long quantity, long unit) {
    return OrderLineState.newBuilder()
        .setProductId(productId)
        .setProductName(name)
        .setQuantity(quantity)
        .setUnitPrice(eur(unit))
        .setLineTotal(eur(unit * quantity))
        .build();
  }

  /** The envelope around an event, without the event. */
  public static EventEnvelope.Builder envelope(AggregateType type, String id, long version) {
    return EventEnvelope.newBuilder()
        .setEventId(newId())
        .setAggregateType(type)
        .setAggregateId(id)
        .setAggregateVersion(version)
        .setOccurTime(timestamp(Instant.now()))
        .setRequestId(newId());
  }

  /** Version 1 creates the product; later versions adjust its stock. */
  public static EventEnvelope productEvent(String id, long version) {
    ProductState state = product(id, version);
    EventEnvelope.Builder event = envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, id, version);
    return version == 1
        ? event.setProductCreated(ProductCreated.newBuilder().setProduct(state)).build()
        : event
            .setProductStockAdjusted(
                ProductStockAdjusted.newBuilder().setDelta(10).setProduct(state))
            .build();
  }

  /** Version 1 creates the user; later versions rename it. */
  public static EventEnvelope userEvent(String id, long version) {
    UserState state = user(id, version);
    EventEnvelope.Builder event = envelope(AggregateType.AGGREGATE_TYPE_USER, id, version);
    return version == 1
        ? event.setUserCreated(UserCreated.newBuilder().setUser(state)).build()
        : event
            .setUserRenamed(UserRenamed.newBuilder().setNewName(state.getName()).setUser(state))
            .build();
  }

  /** Version 1 places the order, version 2 ships it, version 3 (or a cancel) cancels it. */
  public static EventEnvelope orderEvent(String id, long version, OrderStatus status) {
    OrderState state = order(id, status);
    EventEnvelope.Builder event = envelope(AggregateType.AGGREGATE_TYPE_ORDER, id, version);
    return switch (status) {
      case ORDER_STATUS_SHIPPED ->
          event.setOrderShipped(OrderShipped.newBuilder().setOrder(state)).build();
      case ORDER_STATUS_CANCELLED ->
          event
              .setOrderCancelled(
                  OrderCancelled.newBuilder().setReason("changed mind").setOrder(state))
              .build();
      default -> event.setOrderPlaced(OrderPlaced.newBuilder().setOrder(state)).build();
    };
  }
}
