package io.cqrsshop.command.application.order;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.domain.Money;

/** The receipt of a placed order, with its total. */
public record OrderReceipt(Receipt receipt, Money total) {}
