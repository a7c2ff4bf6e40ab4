package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.HitsMetadata;
import co.elastic.clients.elasticsearch.core.search.TotalHits;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.query.application.PageCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts between page cursors and Elasticsearch sort values, and cuts search hits into pages.
 *
 * <p>Searches fetch one hit more than the page size: when it comes back, there is a next page and
 * it starts after the last hit of this one, so the last page never links to an empty one.
 */
public final class SearchAfterValues {

  private SearchAfterValues() {}

  public static List<FieldValue> toFieldValues(PageCursor cursor) {
    return cursor.values().stream().map(SearchAfterValues::toFieldValue).toList();
  }

  public static PageCursor toCursor(List<FieldValue> sortValues) {
    List<Object> values = new ArrayList<>();
    for (FieldValue value : sortValues) {
      values.add(
          switch (value._kind()) {
            case Long -> value.longValue();
            case Double -> value.doubleValue();
            case Boolean -> value.booleanValue();
            case String -> value.stringValue();
            case Null -> null;
            case Any -> throw new IllegalStateException("unexpected sort value " + value);
          });
    }
    return new PageCursor(values);
  }

  /**
   * The first {@code pageSize} hits, a cursor when more came back, and the total when the search
   * {@code countsTotal}.
   */
  public static <T> Page<T> page(HitsMetadata<T> hits, int pageSize, boolean countsTotal) {
    List<Hit<T>> found = hits.hits();
    List<T> items = found.stream().limit(pageSize).map(Hit::source).toList();
    Optional<PageCursor> next =
        found.size() > pageSize
            ? Optional.of(toCursor(found.get(pageSize - 1).sort()))
            : Optional.empty();
    TotalHits total = hits.total();
    Optional<Page.Total> counted =
        countsTotal && total != null
            ? Optional.of(new Page.Total(total.value(), total.relation() == TotalHitsRelation.Gte))
            : Optional.empty();
    return new Page<>(items, next, counted);
  }

  private static FieldValue toFieldValue(Object value) {
    return switch (value) {
      case null -> FieldValue.NULL;
      // Unboxed: FieldValue.of(Object) would make an untyped value.
      case Long number -> FieldValue.of(number.longValue());
      case Double number -> FieldValue.of(number.doubleValue());
      case Boolean flag -> FieldValue.of(flag.booleanValue());
      case String text -> FieldValue.of(text);
      default -> throw new IllegalArgumentException("unsupported sort value " + value);
    };
  }
}
