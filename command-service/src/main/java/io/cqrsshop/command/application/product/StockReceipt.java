package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.Receipt;

/** The receipt of a stock adjustment, with the units on hand afterwards. */
public record StockReceipt(Receipt receipt, long stock) {}
