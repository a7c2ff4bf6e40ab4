package io.cqrsshop.projector.projection;

import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.OrderState;
import io.cqrsshop.proto.events.v1.OrderStatusEntry;
import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.UserState;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.readmodel.HistoryDocument;
import io.cqrsshop.readmodel.HistoryDocument.Change;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Maps an event to its history entry: what it changed, in words an auditor reads ({@code price
 * 12.00 EUR -> 11.50 EUR}). The values before come from the event itself (old price, old name, the
 * order's previous status); where an event does not carry them, the entry shows only the new value.
 */
public final class HistoryProjection {

  private HistoryProjection() {}

  public static HistoryDocument toDocument(EventEnvelope event) {
    return new HistoryDocument(
        event.getEventId(),
        AggregateCodes.code(event.getAggregateType()),
        event.getAggregateId(),
        event.getAggregateVersion(),
        eventType(event),
        Timestamps.instant(event.hasOccurTime(), event.getOccurTime()),
        event.getRequestId(),
        changes(event));
  }

  /** The event's message name, e.g. {@code ProductPriceChanged}. */
  static String eventType(EventEnvelope event) {
    return EventEnvelope.getDescriptor()
        .findFieldByNumber(event.getEventCase().getNumber())
        .getMessageType()
        .getName();
  }

  static List<Change> changes(EventEnvelope event) {
    List<Change> changes = new ArrayList<>();
    switch (event.getEventCase()) {
      case PRODUCT_CREATED -> {
        ProductState product = event.getProductCreated().getProduct();
        changes.add(created("sku", product.getSku()));
        changes.add(created("name", product.getName()));
        changes.add(created("category", product.getCategory()));
        changes.add(created("price", money(product.getPrice())));
        changes.add(created("stock", Long.toString(product.getStock())));
      }
      case PRODUCT_DETAILS_UPDATED -> {
        var updated = event.getProductDetailsUpdated();
        for (String field : updated.getChangedFieldsList()) {
          changes.add(created(field, detail(updated.getProduct(), field)));
        }
      }
      case PRODUCT_PRICE_CHANGED -> {
        var changed = event.getProductPriceChanged();
        changes.add(
            new Change("price", money(changed.getOldPrice()), money(changed.getNewPrice())));
      }
      case PRODUCT_STOCK_ADJUSTED -> {
        var adjusted = event.getProductStockAdjusted();
        long after = adjusted.getProduct().getStock();
        changes.add(
            new Change("stock", Long.toString(after - adjusted.getDelta()), Long.toString(after)));
      }
      case PRODUCT_DISCONTINUED -> changes.add(new Change("status", "ACTIVE", "DISCONTINUED"));
      case PRODUCT_REACTIVATED -> changes.add(new Change("status", "DISCONTINUED", "ACTIVE"));
      case USER_CREATED -> {
        UserState user = event.getUserCreated().getUser();
        changes.add(created("email", user.getEmail()));
        changes.add(created("name", user.getName()));
      }
      case USER_RENAMED -> {
        var renamed = event.getUserRenamed();
        changes.add(new Change("name", renamed.getOldName(), renamed.getNewName()));
      }
      case USER_EMAIL_CHANGED -> {
        var changed = event.getUserEmailChanged();
        changes.add(new Change("email", changed.getOldEmail(), changed.getNewEmail()));
      }
      case USER_DELETED -> changes.add(new Change("deleted", "false", "true"));
      case ORDER_PLACED -> {
        OrderState order = event.getOrderPlaced().getOrder();
        changes.add(created("status", "PLACED"));
        changes.add(created("total", money(order.getTotal())));
        changes.add(created("lines", Integer.toString(order.getLinesCount())));
      }
      case ORDER_CANCELLED -> changes.add(statusChange(event.getOrderCancelled().getOrder()));
      case ORDER_SHIPPED -> changes.add(statusChange(event.getOrderShipped().getOrder()));
      case EVENT_NOT_SET -> {}
    }
    return changes;
  }

  private static Change created(String field, String value) {
    return new Change(field, "", value);
  }

  private static String detail(ProductState product, String field) {
    return switch (field) {
      case "name" -> product.getName();
      case "description" -> product.getDescription();
      case "category" -> product.getCategory();
      default -> "";
    };
  }

  /** The order's last two statuses; the one before is empty if the history holds only one. */
  private static Change statusChange(OrderState order) {
    List<OrderStatusEntry> history = order.getStatusHistoryList();
    String before =
        history.size() >= 2 ? statusName(history.get(history.size() - 2).getStatus()) : "";
    return new Change("status", before, statusName(order.getStatus()));
  }

  private static String statusName(io.cqrsshop.proto.events.v1.OrderStatus status) {
    return status.name().replace("ORDER_STATUS_", "");
  }

  /** Minor units in the currency's decimals: {@code 1299 EUR} reads {@code 12.99 EUR}. */
  static String money(Money money) {
    int digits = 2;
    try {
      digits =
          Math.max(0, Currency.getInstance(money.getCurrencyCode()).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknownCurrency) {
      // Keep two decimals for a code the JDK does not know.
    }
    return BigDecimal.valueOf(money.getAmountMinor(), digits).toPlainString()
        + " "
        + money.getCurrencyCode().toUpperCase(Locale.ROOT);
  }
}
