package io.cqrsshop.command.domain.order;

import io.cqrsshop.command.domain.Money;
import java.util.UUID;

/** A line of a placed order, priced when the order was placed. */
public record OrderLine(
    UUID productId, String productName, long quantity, Money unitPrice, Money lineTotal) {}
