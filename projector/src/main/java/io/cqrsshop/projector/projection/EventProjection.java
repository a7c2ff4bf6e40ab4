package io.cqrsshop.projector.projection;

import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.OrderState;
import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.UserState;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Violations;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns one domain event into the whole documents it determines. Every event carries its
 * aggregate's full state, so the kind of event only says where that state is; an envelope that
 * contradicts itself is rejected rather than written half-right.
 */
public final class EventProjection {

  private EventProjection() {}

  public static Outcome<List<DocumentWrite>> project(EventEnvelope event) {
    Violations violations = new Violations();
    violations.require(isUuid(event.getAggregateId()), "aggregate_id", "must be a UUID");
    violations.require(event.getAggregateVersion() >= 1, "aggregate_version", "must be >= 1");
    String field = event.getEventCase().name().toLowerCase(Locale.ROOT);
    return switch (event.getEventCase()) {
      case PRODUCT_CREATED ->
          product(event, event.getProductCreated().getProduct(), field, violations);
      case PRODUCT_DETAILS_UPDATED ->
          product(event, event.getProductDetailsUpdated().getProduct(), field, violations);
      case PRODUCT_PRICE_CHANGED ->
          product(event, event.getProductPriceChanged().getProduct(), field, violations);
      case PRODUCT_STOCK_ADJUSTED ->
          product(event, event.getProductStockAdjusted().getProduct(), field, violations);
      case PRODUCT_DISCONTINUED ->
          product(event, event.getProductDiscontinued().getProduct(), field, violations);
      case USER_CREATED -> user(event, event.getUserCreated().getUser(), field, violations);
      case USER_RENAMED -> user(event, event.getUserRenamed().getUser(), field, violations);
      case USER_EMAIL_CHANGED ->
          user(event, event.getUserEmailChanged().getUser(), field, violations);
      case USER_DELETED -> user(event, event.getUserDeleted().getUser(), field, violations);
      case ORDER_PLACED -> order(event, event.getOrderPlaced().getOrder(), field, violations);
      case ORDER_CANCELLED -> order(event, event.getOrderCancelled().getOrder(), field, violations);
      case ORDER_SHIPPED -> order(event, event.getOrderShipped().getOrder(), field, violations);
      case EVENT_NOT_SET -> {
        violations.add("event", "is not set, or is a kind of event this projector does not know");
        yield rejected(violations);
      }
    };
  }

  private static Outcome<List<DocumentWrite>> product(
      EventEnvelope event, ProductState state, String field, Violations violations) {
    requireType(event, AggregateType.AGGREGATE_TYPE_PRODUCT, violations);
    requireSameId(event, state.getProductId(), field + ".product.product_id", violations);
    violations.require(
        ProductProjection.isKnown(state.getStatus()),
        field + ".product.status",
        "must be ACTIVE or DISCONTINUED");
    long version = event.getAggregateVersion();
    return violations.isEmpty()
        ? written(
            new DocumentWrite(
                ReadModel.PRODUCTS,
                event.getAggregateId(),
                version,
                ProductProjection.toDocument(state, version)))
        : rejected(violations);
  }

  private static Outcome<List<DocumentWrite>> user(
      EventEnvelope event, UserState state, String field, Violations violations) {
    requireType(event, AggregateType.AGGREGATE_TYPE_USER, violations);
    requireSameId(event, state.getUserId(), field + ".user.user_id", violations);
    long version = event.getAggregateVersion();
    return violations.isEmpty()
        ? written(
            new DocumentWrite(
                ReadModel.USERS,
                event.getAggregateId(),
                version,
                UserProjection.toDocument(state, version)))
        : rejected(violations);
  }

  private static Outcome<List<DocumentWrite>> order(
      EventEnvelope event, OrderState state, String field, Violations violations) {
    requireType(event, AggregateType.AGGREGATE_TYPE_ORDER, violations);
    requireSameId(event, state.getOrderId(), field + ".order.order_id", violations);
    violations.require(
        OrderProjection.isKnown(state.getStatus()),
        field + ".order.status",
        "must be PLACED, SHIPPED or CANCELLED");
    for (int i = 0; i < state.getStatusHistoryCount(); i++) {
      violations.require(
          OrderProjection.isKnown(state.getStatusHistory(i).getStatus()),
          field + ".order.status_history[" + i + "].status",
          "must be PLACED, SHIPPED or CANCELLED");
    }
    if (!violations.isEmpty()) {
      return rejected(violations);
    }
    String id = event.getAggregateId();
    long version = event.getAggregateVersion();
    return Outcome.success(
        List.of(
            new DocumentWrite(
                ReadModel.ORDERS, id, version, OrderProjection.toOrderDocument(state, version)),
            new DocumentWrite(
                ReadModel.SALES, id, version, OrderProjection.toSalesDocument(state, version))));
  }

  private static void requireType(EventEnvelope event, AggregateType type, Violations violations) {
    violations.require(
        event.getAggregateType() == type, "aggregate_type", "must be " + type + " for this event");
  }

  private static void requireSameId(
      EventEnvelope event, String stateId, String field, Violations violations) {
    violations.require(stateId.equals(event.getAggregateId()), field, "must equal aggregate_id");
  }

  private static Outcome<List<DocumentWrite>> written(DocumentWrite write) {
    return Outcome.success(List.of(write));
  }

  private static Outcome<List<DocumentWrite>> rejected(Violations violations) {
    return Outcome.rejected(violations.rejection().orElseThrow());
  }

  private static boolean isUuid(String value) {
    try {
      return value.length() == 36 && UUID.fromString(value) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
