package io.cqrsshop.command.domain.order;

import io.cqrsshop.shared.Rejection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The ways commands on orders are refused; line-level refusals name the line and product. */
public final class OrderRejections {

  private OrderRejections() {}

  public static Rejection notFound(UUID orderId) {
    return new Rejection.NotFound(
        "ORDER_NOT_FOUND",
        "order " + orderId + " does not exist",
        Map.of("order_id", orderId.toString()));
  }

  static Rejection customerNotFound(UUID customerId) {
    return new Rejection.NotFound(
        "CUSTOMER_NOT_FOUND",
        "customer " + customerId + " does not exist",
        Map.of("customer_id", customerId.toString()));
  }

  static Rejection customerDeleted(UUID customerId) {
    return new Rejection.RuleViolation(
        "CUSTOMER_DELETED",
        "customer " + customerId + " has been deleted",
        Map.of("customer_id", customerId.toString()));
  }

  static Rejection productNotFound(int line, UUID productId) {
    return new Rejection.NotFound(
        "PRODUCT_NOT_FOUND",
        "lines[" + line + "]: product " + productId + " does not exist",
        lineMetadata(line, productId));
  }

  static Rejection productDiscontinued(int line, UUID productId) {
    return new Rejection.RuleViolation(
        "PRODUCT_DISCONTINUED",
        "lines[" + line + "]: product " + productId + " is discontinued",
        lineMetadata(line, productId));
  }

  static Rejection insufficientStock(int line, UUID productId, long requested, long available) {
    Map<String, String> metadata = lineMetadata(line, productId);
    metadata.put("requested", Long.toString(requested));
    metadata.put("available", Long.toString(available));
    return new Rejection.RuleViolation(
        "INSUFFICIENT_STOCK",
        "lines["
            + line
            + "]: product "
            + productId
            + " has "
            + available
            + " units, "
            + requested
            + " requested",
        metadata);
  }

  static Rejection currencyMismatch(int line, UUID productId, String expected, String actual) {
    Map<String, String> metadata = lineMetadata(line, productId);
    metadata.put("expected_currency", expected);
    metadata.put("currency", actual);
    return new Rejection.RuleViolation(
        "CURRENCY_MISMATCH",
        "lines["
            + line
            + "]: product "
            + productId
            + " is priced in "
            + actual
            + ", the order in "
            + expected,
        metadata);
  }

  static Rejection alreadyShipped(UUID orderId) {
    return new Rejection.RuleViolation(
        "ORDER_ALREADY_SHIPPED",
        "order " + orderId + " has already shipped",
        Map.of("order_id", orderId.toString()));
  }

  static Rejection alreadyCancelled(UUID orderId) {
    return new Rejection.RuleViolation(
        "ORDER_ALREADY_CANCELLED",
        "order " + orderId + " has been cancelled",
        Map.of("order_id", orderId.toString()));
  }

  static String aggregate(UUID orderId) {
    return "order " + orderId;
  }

  private static Map<String, String> lineMetadata(int line, UUID productId) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("line_index", Integer.toString(line));
    metadata.put("product_id", productId.toString());
    return metadata;
  }
}
