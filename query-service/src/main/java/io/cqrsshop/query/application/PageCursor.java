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

  /**
   * The sort values a listing's cursors hold, one kind per sort field, and which of them may be
   * missing (null: a document without a value for a sort field, such as a name longer than its sort
   * field keeps). A cursor of another shape was not issued for that listing (page tokens are
   * sealed, but not secret), and would reach Elasticsearch as sort values it refuses.
   */
  public record Shape(List<Class<?>> kinds, java.util.Set<Integer> nullable) {

    public static Shape of(Class<?>... kinds) {
      return new Shape(List.of(kinds), java.util.Set.of());
    }

    /** The same shape, with the value at {@code index} allowed to be missing. */
    public Shape withMissing(int index) {
      java.util.Set<Integer> more = new java.util.HashSet<>(nullable);
      more.add(index);
      return new Shape(kinds, java.util.Set.copyOf(more));
    }

    public boolean fits(PageCursor cursor) {
      if (cursor.values().size() != kinds.size()) {
        return false;
      }
      for (int i = 0; i < kinds.size(); i++) {
        Object value = cursor.values().get(i);
        if (value == null ? !nullable.contains(i) : !kinds.get(i).isInstance(value)) {
          return false;
        }
      }
      return true;
    }
  }
}
