package io.cqrsshop.command.domain.product;

import io.cqrsshop.command.domain.Decisions;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A product in the write model. Its stock never goes below zero; while discontinued it can no
 * longer be edited or sold, but its stock is still kept right (corrections, returns from cancelled
 * orders), until it is reactivated.
 */
public record Product(
    UUID id,
    Sku sku,
    ProductDetails details,
    Money price,
    long stock,
    ProductStatus status,
    Instant createTime,
    Instant updateTime,
    long version) {

  public Product {
    if (stock < 0) {
      throw new IllegalArgumentException("stock of product " + id + " would be " + stock);
    }
  }

  /** A new product at version 1. */
  public static ProductEvent.Created create(
      UUID id, Sku sku, ProductDetails details, Money price, long initialStock, Instant now) {
    return new ProductEvent.Created(
        new Product(id, sku, details, price, initialStock, ProductStatus.ACTIVE, now, now, 1));
  }

  public Outcome<ProductEvent.DetailsUpdated> updateDetails(
      ExpectedVersion expected, DetailsUpdate update, Instant now) {
    return Decisions.unlessRefused(
        editable(expected),
        () ->
            new ProductEvent.DetailsUpdated(
                update.changedFields(details),
                next(details.with(update), price, stock, status, now)));
  }

  public Outcome<ProductEvent.PriceChanged> changePrice(
      ExpectedVersion expected, Money newPrice, Instant now) {
    return Decisions.unlessRefused(
        editable(expected),
        () ->
            new ProductEvent.PriceChanged(
                price, newPrice, next(details, newPrice, stock, status, now)));
  }

  /**
   * A restock (positive) or correction (negative). Allowed on a discontinued product too: the units
   * physically left must still be bookable, for example to write them off.
   */
  public Outcome<ProductEvent.StockAdjusted> adjustStock(
      ExpectedVersion expected, long delta, String reason, Instant now) {
    return Decisions.unlessRefused(
        Decisions.firstOf(
            () -> expected.conflictWith(ProductRejections.aggregate(id), version),
            () ->
                stock + delta < 0
                    ? Optional.of(ProductRejections.insufficientStock(id, -delta, stock))
                    : Optional.empty()),
        () ->
            new ProductEvent.StockAdjusted(
                delta,
                StockChangeCause.ADJUSTMENT,
                Optional.empty(),
                reason,
                next(details, price, stock + delta, status, now)));
  }

  public Outcome<ProductEvent.Discontinued> discontinue(ExpectedVersion expected, Instant now) {
    return Decisions.unlessRefused(
        editable(expected),
        () ->
            new ProductEvent.Discontinued(
                next(details, price, stock, ProductStatus.DISCONTINUED, now)));
  }

  /** Puts a discontinued product back on sale, with its details, price and stock as they were. */
  public Outcome<ProductEvent.Reactivated> reactivate(ExpectedVersion expected, Instant now) {
    return Decisions.unlessRefused(
        Decisions.firstOf(
            () -> expected.conflictWith(ProductRejections.aggregate(id), version),
            () ->
                status == ProductStatus.ACTIVE
                    ? Optional.of(ProductRejections.alreadyActive(id))
                    : Optional.empty()),
        () -> new ProductEvent.Reactivated(next(details, price, stock, ProductStatus.ACTIVE, now)));
  }

  /** Whether {@code quantity} units can be sold now. */
  public boolean canSupply(long quantity) {
    return status == ProductStatus.ACTIVE && stock >= quantity;
  }

  /** Takes the stock of an order line; the caller has checked {@link #canSupply}. */
  public ProductEvent.StockAdjusted takeForOrder(UUID orderId, long quantity, Instant now) {
    return new ProductEvent.StockAdjusted(
        -quantity,
        StockChangeCause.ORDER_PLACED,
        Optional.of(orderId),
        "",
        next(details, price, stock - quantity, status, now));
  }

  /** Puts back the stock of a cancelled order line, whatever the product's status. */
  public ProductEvent.StockAdjusted returnFromOrder(UUID orderId, long quantity, Instant now) {
    return new ProductEvent.StockAdjusted(
        quantity,
        StockChangeCause.ORDER_CANCELLED,
        Optional.of(orderId),
        "",
        next(details, price, stock + quantity, status, now));
  }

  private Optional<Rejection> editable(ExpectedVersion expected) {
    return Decisions.firstOf(
        () -> expected.conflictWith(ProductRejections.aggregate(id), version),
        () ->
            status == ProductStatus.DISCONTINUED
                ? Optional.of(ProductRejections.discontinued(id))
                : Optional.empty());
  }

  private Product next(
      ProductDetails newDetails,
      Money newPrice,
      long newStock,
      ProductStatus newStatus,
      Instant now) {
    return new Product(
        id, sku, newDetails, newPrice, newStock, newStatus, createTime, now, version + 1);
  }
}
