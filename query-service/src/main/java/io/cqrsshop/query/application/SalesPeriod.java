package io.cqrsshop.query.application;

import io.cqrsshop.query.domain.DateRange;

/** The orders placed over some days in one currency. */
public record SalesPeriod(DateRange range, String currency) {}
