package io.cqrsshop.command.domain.order;

/** Where an order is in its life: placed, then shipped or cancelled (both final). */
public enum OrderStatus {
  PLACED,
  SHIPPED,
  CANCELLED
}
