package io.cqrsshop.query.application;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of a listing.
 *
 * @param next where the next page starts; empty on the last page
 * @param totalSize items matching over all pages, where the listing counts them
 */
public record Page<T>(List<T> items, Optional<PageCursor> next, OptionalLong totalSize) {

  public Page {
    items = List.copyOf(items);
  }

  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty(), OptionalLong.of(0));
  }
}
