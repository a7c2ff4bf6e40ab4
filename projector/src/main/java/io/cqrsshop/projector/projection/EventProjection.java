package io.cqrsshop.projector.projection;

import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.EventEnvelope.EventCase;
import io.cqrsshop.proto.events.v1.OrderState;
import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.UserState;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns one domain event into the whole documents it determines: the document of each read model
 * that shows its aggregate, and its entry in the history. Every event carries its aggregate's full
 * state, so the kind of event only says where that state is: each kind is one registration below.
 *
 * <p>A kind that is not registered is {@link Projected.UnknownKind}, never an error: in a rolling
 * deployment a newer command-service may publish it before every projector knows it. An envelope
 * that contradicts itself is {@link Projected.Invalid} rather than written half-right.
 */
public final class EventProjection {

  private final Map<EventCase, Kind> kinds;

  private EventProjection(Map<EventCase, Kind> kinds) {
    this.kinds = kinds;
  }

  /** Every kind of event this build knows. */
  public static EventProjection standard() {
    Map<EventCase, Kind> kinds = new EnumMap<>(EventCase.class);
    product(kinds, EventCase.PRODUCT_CREATED, e -> e.getProductCreated().getProduct());
    product(
        kinds, EventCase.PRODUCT_DETAILS_UPDATED, e -> e.getProductDetailsUpdated().getProduct());
    product(kinds, EventCase.PRODUCT_PRICE_CHANGED, e -> e.getProductPriceChanged().getProduct());
    product(kinds, EventCase.PRODUCT_STOCK_ADJUSTED, e -> e.getProductStockAdjusted().getProduct());
    product(kinds, EventCase.PRODUCT_DISCONTINUED, e -> e.getProductDiscontinued().getProduct());
    product(kinds, EventCase.PRODUCT_REACTIVATED, e -> e.getProductReactivated().getProduct());
    user(kinds, EventCase.USER_CREATED, e -> e.getUserCreated().getUser());
    user(kinds, EventCase.USER_RENAMED, e -> e.getUserRenamed().getUser());
    user(kinds, EventCase.USER_EMAIL_CHANGED, e -> e.getUserEmailChanged().getUser());
    user(kinds, EventCase.USER_DELETED, e -> e.getUserDeleted().getUser());
    order(kinds, EventCase.ORDER_PLACED, e -> e.getOrderPlaced().getOrder());
    order(kinds, EventCase.ORDER_CANCELLED, e -> e.getOrderCancelled().getOrder());
    order(kinds, EventCase.ORDER_SHIPPED, e -> e.getOrderShipped().getOrder());
    return new EventProjection(kinds);
  }

  /** This projection without some kinds, as an older build that did not know them yet. */
  public EventProjection without(EventCase... unknown) {
    Map<EventCase, Kind> fewer = new EnumMap<>(EventCase.class);
    fewer.putAll(kinds);
    Arrays.asList(unknown).forEach(fewer::remove);
    return new EventProjection(fewer);
  }

  public Projected project(EventEnvelope event) {
    if (event.getEventCase() == EventCase.EVENT_NOT_SET) {
      return event.getUnknownFields().asMap().isEmpty()
          ? new Projected.Invalid("event is not set")
          : new Projected.UnknownKind(unknownFields(event));
    }
    Kind kind = kinds.get(event.getEventCase());
    if (kind == null) {
      return new Projected.UnknownKind(event.getEventCase().name().toLowerCase(Locale.ROOT));
    }
    Violations violations = new Violations();
    violations.require(isUuid(event.getAggregateId()), "aggregate_id", "must be a UUID");
    violations.require(event.getAggregateVersion() >= 1, "aggregate_version", "must be >= 1");
    violations.require(
        event.getAggregateType() == kind.type,
        "aggregate_type",
        "must be " + kind.type + " for this event");
    String field = event.getEventCase().name().toLowerCase(Locale.ROOT);
    List<DocumentWrite> writes = new ArrayList<>(kind.documents.apply(event, field, violations));
    if (!violations.isEmpty()) {
      return new Projected.Invalid(describe(violations));
    }
    writes.add(
        new DocumentWrite(
            ReadModel.HISTORY,
            event.getEventId(),
            event.getAggregateVersion(),
            HistoryProjection.toDocument(event)));
    return new Projected.Documents(writes);
  }

  private static void product(
      Map<EventCase, Kind> kinds, EventCase kind, Function<EventEnvelope, ProductState> state) {
    kinds.put(
        kind,
        new Kind(
            AggregateType.AGGREGATE_TYPE_PRODUCT,
            (event, field, violations) -> {
              ProductState product = state.apply(event);
              requireSameId(
                  event, product.getProductId(), field + ".product.product_id", violations);
              violations.require(
                  ProductProjection.isKnown(product.getStatus()),
                  field + ".product.status",
                  "must be ACTIVE or DISCONTINUED");
              return violations.isEmpty()
                  ? List.of(
                      new DocumentWrite(
                          ReadModel.PRODUCTS,
                          event.getAggregateId(),
                          event.getAggregateVersion(),
                          ProductProjection.toDocument(product, event.getAggregateVersion())))
                  : List.of();
            }));
  }

  private static void user(
      Map<EventCase, Kind> kinds, EventCase kind, Function<EventEnvelope, UserState> state) {
    kinds.put(
        kind,
        new Kind(
            AggregateType.AGGREGATE_TYPE_USER,
            (event, field, violations) -> {
              UserState user = state.apply(event);
              requireSameId(event, user.getUserId(), field + ".user.user_id", violations);
              return violations.isEmpty()
                  ? List.of(
                      new DocumentWrite(
                          ReadModel.USERS,
                          event.getAggregateId(),
                          event.getAggregateVersion(),
                          UserProjection.toDocument(user, event.getAggregateVersion())))
                  : List.of();
            }));
  }

  private static void order(
      Map<EventCase, Kind> kinds, EventCase kind, Function<EventEnvelope, OrderState> state) {
    kinds.put(
        kind,
        new Kind(
            AggregateType.AGGREGATE_TYPE_ORDER,
            (event, field, violations) -> {
              OrderState order = state.apply(event);
              requireSameId(event, order.getOrderId(), field + ".order.order_id", violations);
              violations.require(
                  OrderProjection.isKnown(order.getStatus()),
                  field + ".order.status",
                  "must be PLACED, SHIPPED or CANCELLED");
              for (int i = 0; i < order.getStatusHistoryCount(); i++) {
                violations.require(
                    OrderProjection.isKnown(order.getStatusHistory(i).getStatus()),
                    field + ".order.status_history[" + i + "].status",
                    "must be PLACED, SHIPPED or CANCELLED");
              }
              if (!violations.isEmpty()) {
                return List.of();
              }
              String id = event.getAggregateId();
              long version = event.getAggregateVersion();
              return List.of(
                  new DocumentWrite(
                      ReadModel.ORDERS,
                      id,
                      version,
                      OrderProjection.toOrderDocument(order, version)),
                  new DocumentWrite(
                      ReadModel.SALES,
                      id,
                      version,
                      OrderProjection.toSalesDocument(order, version)));
            }));
  }

  private static void requireSameId(
      EventEnvelope event, String stateId, String field, Violations violations) {
    violations.require(stateId.equals(event.getAggregateId()), field, "must equal aggregate_id");
  }

  private static String unknownFields(EventEnvelope event) {
    return "field "
        + event.getUnknownFields().asMap().keySet().stream()
            .map(String::valueOf)
            .collect(Collectors.joining(", "))
        + " of EventEnvelope";
  }

  private static String describe(Violations violations) {
    return violations.rejection().orElseThrow().violations().stream()
        .map(violation -> violation.field() + " " + violation.description())
        .collect(Collectors.joining("; "));
  }

  private static boolean isUuid(String value) {
    try {
      return value.length() == 36 && UUID.fromString(value) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** One registered kind of event: the aggregate it belongs to and its documents. */
  private record Kind(AggregateType type, Documents documents) {}

  @FunctionalInterface
  private interface Documents {
    List<DocumentWrite> apply(EventEnvelope event, String field, Violations violations);
  }
}
