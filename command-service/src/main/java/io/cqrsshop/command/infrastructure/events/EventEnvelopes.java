package io.cqrsshop.command.infrastructure.events;

import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.RequestId;
import io.cqrsshop.command.domain.order.OrderEvent;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.StockChangeCause;
import io.cqrsshop.command.domain.user.UserEvent;
import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.OrderCancelled;
import io.cqrsshop.proto.events.v1.OrderPlaced;
import io.cqrsshop.proto.events.v1.OrderShipped;
import io.cqrsshop.proto.events.v1.ProductCreated;
import io.cqrsshop.proto.events.v1.ProductDetailsUpdated;
import io.cqrsshop.proto.events.v1.ProductDiscontinued;
import io.cqrsshop.proto.events.v1.ProductPriceChanged;
import io.cqrsshop.proto.events.v1.ProductStockAdjusted;
import io.cqrsshop.proto.events.v1.UserCreated;
import io.cqrsshop.proto.events.v1.UserDeleted;
import io.cqrsshop.proto.events.v1.UserEmailChanged;
import io.cqrsshop.proto.events.v1.UserRenamed;
import java.util.UUID;

/** Domain events in the wire form that the event log stores and JetStream carries. */
public final class EventEnvelopes {

  private EventEnvelopes() {}

  public static EventEnvelope envelope(DomainEvent event, UUID eventId, RequestId requestId) {
    EventEnvelope.Builder envelope =
        EventEnvelope.newBuilder()
            .setEventId(eventId.toString())
            .setAggregateId(event.aggregate().id().toString())
            .setAggregateVersion(event.aggregate().version())
            .setOccurTime(ProtoStates.timestamp(event.occurredAt()))
            .setRequestId(requestId.value());
    switch (event) {
      case ProductEvent product -> product(envelope, product);
      case UserEvent user -> user(envelope, user);
      case OrderEvent order -> order(envelope, order);
      default -> throw new IllegalArgumentException("unknown event " + event.getClass());
    }
    return envelope.build();
  }

  private static void product(EventEnvelope.Builder envelope, ProductEvent event) {
    envelope.setAggregateType(AggregateType.AGGREGATE_TYPE_PRODUCT);
    var state = ProtoStates.product(event.product());
    switch (event) {
      case ProductEvent.Created e ->
          envelope.setProductCreated(ProductCreated.newBuilder().setProduct(state));
      case ProductEvent.DetailsUpdated e ->
          envelope.setProductDetailsUpdated(
              ProductDetailsUpdated.newBuilder()
                  .addAllChangedFields(e.changedFields())
                  .setProduct(state));
      case ProductEvent.PriceChanged e ->
          envelope.setProductPriceChanged(
              ProductPriceChanged.newBuilder()
                  .setOldPrice(ProtoStates.money(e.oldPrice()))
                  .setNewPrice(ProtoStates.money(e.newPrice()))
                  .setProduct(state));
      case ProductEvent.StockAdjusted e ->
          envelope.setProductStockAdjusted(
              ProductStockAdjusted.newBuilder()
                  .setDelta(e.delta())
                  .setCause(cause(e.cause()))
                  .setOrderId(e.orderId().map(UUID::toString).orElse(""))
                  .setReason(e.reason())
                  .setProduct(state));
      case ProductEvent.Discontinued e ->
          envelope.setProductDiscontinued(ProductDiscontinued.newBuilder().setProduct(state));
    }
  }

  private static void user(EventEnvelope.Builder envelope, UserEvent event) {
    envelope.setAggregateType(AggregateType.AGGREGATE_TYPE_USER);
    var state = ProtoStates.user(event.user());
    switch (event) {
      case UserEvent.Created e -> envelope.setUserCreated(UserCreated.newBuilder().setUser(state));
      case UserEvent.Renamed e ->
          envelope.setUserRenamed(
              UserRenamed.newBuilder()
                  .setOldName(e.oldName())
                  .setNewName(e.newName())
                  .setUser(state));
      case UserEvent.EmailChanged e ->
          envelope.setUserEmailChanged(
              UserEmailChanged.newBuilder()
                  .setOldEmail(e.oldEmail().value())
                  .setNewEmail(e.newEmail().value())
                  .setUser(state));
      case UserEvent.Deleted e -> envelope.setUserDeleted(UserDeleted.newBuilder().setUser(state));
    }
  }

  private static void order(EventEnvelope.Builder envelope, OrderEvent event) {
    envelope.setAggregateType(AggregateType.AGGREGATE_TYPE_ORDER);
    var state = ProtoStates.order(event.order());
    switch (event) {
      case OrderEvent.Placed e -> envelope.setOrderPlaced(OrderPlaced.newBuilder().setOrder(state));
      case OrderEvent.Cancelled e ->
          envelope.setOrderCancelled(
              OrderCancelled.newBuilder().setReason(e.reason()).setOrder(state));
      case OrderEvent.Shipped e ->
          envelope.setOrderShipped(OrderShipped.newBuilder().setOrder(state));
    }
  }

  private static io.cqrsshop.proto.events.v1.StockChangeCause cause(StockChangeCause cause) {
    return switch (cause) {
      case ADJUSTMENT -> io.cqrsshop.proto.events.v1.StockChangeCause.STOCK_CHANGE_CAUSE_ADJUSTMENT;
      case ORDER_PLACED ->
          io.cqrsshop.proto.events.v1.StockChangeCause.STOCK_CHANGE_CAUSE_ORDER_PLACED;
      case ORDER_CANCELLED ->
          io.cqrsshop.proto.events.v1.StockChangeCause.STOCK_CHANGE_CAUSE_ORDER_CANCELLED;
    };
  }
}
