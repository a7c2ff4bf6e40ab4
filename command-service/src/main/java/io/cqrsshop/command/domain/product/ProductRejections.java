package io.cqrsshop.command.domain.product;

import io.cqrsshop.shared.Rejection;
import java.util.Map;
import java.util.UUID;

/** The ways commands on products are refused, with the reasons clients switch on. */
public final class ProductRejections {

  private ProductRejections() {}

  public static Rejection notFound(UUID productId) {
    return new Rejection.NotFound(
        "PRODUCT_NOT_FOUND",
        "product " + productId + " does not exist",
        Map.of("product_id", productId.toString()));
  }

  public static Rejection skuTaken(Sku sku) {
    return new Rejection.AlreadyExists(
        "SKU_ALREADY_EXISTS",
        "a product with SKU " + sku.value() + " already exists",
        Map.of("sku", sku.value()));
  }

  public static Rejection discontinued(UUID productId) {
    return new Rejection.RuleViolation(
        "PRODUCT_DISCONTINUED",
        "product " + productId + " is discontinued",
        Map.of("product_id", productId.toString()));
  }

  public static Rejection alreadyActive(UUID productId) {
    return new Rejection.RuleViolation(
        "PRODUCT_ALREADY_ACTIVE",
        "product " + productId + " is not discontinued",
        Map.of("product_id", productId.toString()));
  }

  public static Rejection insufficientStock(UUID productId, long requested, long available) {
    return new Rejection.RuleViolation(
        "INSUFFICIENT_STOCK",
        "product " + productId + " has " + available + " units, " + requested + " requested",
        Map.of(
            "product_id", productId.toString(),
            "requested", Long.toString(requested),
            "available", Long.toString(available)));
  }

  static String aggregate(UUID productId) {
    return "product " + productId;
  }
}
