package io.cqrsshop.query.application;

import java.util.OptionalLong;

/** Prices in one currency, each bound inclusive and optional. */
public record PriceRange(String currency, OptionalLong minMinor, OptionalLong maxMinor) {}
