package io.cqrsshop.command.domain.order;

import java.time.Instant;

/** One status an order has had, when, and why (empty unless a reason was given). */
public record StatusChange(OrderStatus status, Instant changeTime, String reason) {}
