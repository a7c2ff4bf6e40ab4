package io.cqrsshop.query.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a page ended: the sort values of its last item, from which the next page continues ({@code
 * search_after}), so that deep pages cost the same as the first one.
 *
 * @param values each a {@link String}, {@link Long}, {@link Double}, {@link Boolean} or {@code
 *     null} (a missing sort value)
 */
public record PageCursor(List<Object> values) {

  public PageCursor {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a cursor holds at least one sort value");
    }
    for (Object value : values) {
      if (!(value == null
          || value instanceof String
          || value instanceof Long
          || value instanceof Double
          || value instanceof Boolean)) {
        throw new IllegalArgumentException("unsupported sort value " + value.getClass());
      }
    }
    // List.copyOf rejects null, which is a legitimate sort value.
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }
}
