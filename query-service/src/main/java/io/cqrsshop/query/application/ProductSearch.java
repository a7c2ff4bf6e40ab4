package io.cqrsshop.query.application;

import java.util.Optional;

/**
 * A catalog search.
 *
 * @param text free text over name and description; empty matches every product
 * @param category exact category, compared case-insensitively; empty means any
 * @param after where the previous page ended; empty for the first page
 */
public record ProductSearch(
    String text,
    String category,
    Optional<PriceRange> price,
    boolean activeOnly,
    boolean availableOnly,
    ProductSort sort,
    int pageSize,
    Optional<PageCursor> after) {}
