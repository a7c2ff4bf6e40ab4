package io.cqrsshop.query.it;

import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.SalesDocument;
import io.cqrsshop.readmodel.UserDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Read-model documents as the projector writes them, for integration tests. */
final class Documents {

  static final Instant CREATED = Instant.parse("2026-10-01T09:00:00Z");

  private Documents() {}

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static ProductDocument product(
      String name, String description, String category, long priceMinor, String currency) {
    return product(newId(), name, description, category, priceMinor, currency, 5, true, 1);
  }

  /** A live product of that name, new at version 1: one of 1.00 EUR in Kitchen, with stock 1. */
  static ProductDocument kitchenProduct(String name) {
    return product(newId(), name, "", "Kitchen", 100, "EUR", 1, true, 1);
  }

  static ProductDocument product(
      String id,
      String name,
      String description,
      String category,
      long priceMinor,
      String currency,
      long stock,
      boolean active,
      long version) {
    return new ProductDocument(
        id,
        "SKU-" + id.substring(0, 8),
        name,
        description,
        category,
        priceMinor,
        currency,
        stock,
        active ? ProductDocument.STATUS_ACTIVE : ProductDocument.STATUS_DISCONTINUED,
        active,
        active && stock > 0,
        version,
        CREATED,
        CREATED.plusSeconds(version));
  }

  static UserDocument user(String name, String email, boolean deleted) {
    return user(newId(), name, email, deleted, 1);
  }

  static UserDocument user(String id, String name, String email, boolean deleted, long version) {
    List<UserDocument.EmailHistoryEntry> history = new ArrayList<>();
    history.add(new UserDocument.EmailHistoryEntry("first-" + email, CREATED));
    history.add(new UserDocument.EmailHistoryEntry(email, CREATED.plusSeconds(3600)));
    return new UserDocument(
        id, email, name, history, deleted, version, CREATED, CREATED.plusSeconds(3600));
  }

  static OrderDocument order(
      String customerId, Instant placedAt, String status, OrderDocument.Line... lines) {
    long total = List.of(lines).stream().mapToLong(OrderDocument.Line::lineTotalMinor).sum();
    List<OrderDocument.StatusChange> history = new ArrayList<>();
    history.add(new OrderDocument.StatusChange(OrderDocument.STATUS_PLACED, placedAt, ""));
    if (!status.equals(OrderDocument.STATUS_PLACED)) {
      history.add(new OrderDocument.StatusChange(status, placedAt.plusSeconds(60), "because"));
    }
    return new OrderDocument(
        newId(),
        customerId,
        "Ada Lovelace",
        List.of(lines),
        "EUR",
        total,
        status,
        history,
        history.size(),
        placedAt,
        placedAt.plusSeconds(60L * history.size()));
  }

  static OrderDocument.Line orderLine(String name, long quantity, long unitPriceMinor) {
    return new OrderDocument.Line(
        newId(), name, quantity, unitPriceMinor, quantity * unitPriceMinor);
  }

  static SalesDocument sale(
      String placedAt, String currency, boolean counted, SalesDocument.Line... lines) {
    long total = List.of(lines).stream().mapToLong(SalesDocument.Line::revenueMinor).sum();
    return new SalesDocument(
        newId(),
        Instant.parse(placedAt),
        counted ? OrderDocument.STATUS_PLACED : OrderDocument.STATUS_CANCELLED,
        counted,
        currency,
        total,
        List.of(lines),
        counted ? 1 : 2);
  }

  static SalesDocument.Line saleLine(String productId, String name, long quantity, long unitMinor) {
    return new SalesDocument.Line(productId, name, quantity, quantity * unitMinor);
  }

  static String idOf(Object document) {
    return switch (document) {
      case ProductDocument product -> product.productId();
      case UserDocument user -> user.userId();
      case OrderDocument order -> order.orderId();
      case SalesDocument sale -> sale.orderId();
      default -> throw new IllegalArgumentException("not a read-model document: " + document);
    };
  }

  static long versionOf(Object document) {
    return switch (document) {
      case ProductDocument product -> product.version();
      case UserDocument user -> user.version();
      case OrderDocument order -> order.version();
      case SalesDocument sale -> sale.version();
      default -> throw new IllegalArgumentException("not a read-model document: " + document);
    };
  }
}
