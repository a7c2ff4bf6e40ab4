package io.cqrsshop.query.application;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param next where the next page starts; empty on the last page
 * @param total items matching over all pages, where the listing counts them
 */
public record Page<T>(List<T> items, Optional<PageCursor> next, Optional<Total> total) {

  /**
   * How many items match over all pages: {@code count} exactly, or, when {@code atLeast}, at least
   * {@code count} (counting stopped there).
   */
  public record Total(long count, boolean atLeast) {}

  public Page {
    items = List.copyOf(items);
  }

  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty(), Optional.of(new Total(0, false)));
  }
}
