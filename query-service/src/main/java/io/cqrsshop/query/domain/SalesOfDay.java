package io.cqrsshop.query.domain;

import java.time.LocalDate;

/** The sales of one calendar day (UTC). */
public record SalesOfDay(LocalDate day, SalesFigures figures) {}
