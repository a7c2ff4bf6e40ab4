package io.cqrsshop.command.domain.product;

/** Why a product's stock changed. */
public enum StockChangeCause {
  ADJUSTMENT,
  ORDER_PLACED,
  ORDER_CANCELLED
}
