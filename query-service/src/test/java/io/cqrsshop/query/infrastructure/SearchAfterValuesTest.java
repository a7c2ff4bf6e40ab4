package io.cqrsshop.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.HitsMetadata;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.query.application.PageCursor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchAfterValuesTest {

  @Test
  void cursor_roundTripsThroughFieldValues() {
    var cursor = new PageCursor(Arrays.asList(12L, 0.5, "p-1", true, null));

    assertThat(SearchAfterValues.toCursor(SearchAfterValues.toFieldValues(cursor)))
        .isEqualTo(cursor);
  }

  @Test
  void page_moreHitsThanThePageSize_hasACursorAtTheLastItemOfThePage() {
    var page = SearchAfterValues.page(hits(3, 10, TotalHitsRelation.Eq), 2, true);

    assertThat(page.items()).containsExactly("doc-0", "doc-1");
    assertThat(page.next()).contains(new PageCursor(List.of(1L, "doc-1")));
    assertThat(page.total()).contains(new Page.Total(10, false));
  }

  @Test
  void page_totalThatElasticsearchStoppedCounting_isALowerBound() {
    var page = SearchAfterValues.page(hits(3, 10_000, TotalHitsRelation.Gte), 2, true);

    assertThat(page.total()).contains(new Page.Total(10_000, true));
  }

  @Test
  void page_noMoreHitsThanThePageSize_isTheLastPage() {
    var page = SearchAfterValues.page(hits(2, 2, TotalHitsRelation.Eq), 2, false);

    assertThat(page.items()).hasSize(2);
    assertThat(page.next()).isEmpty();
    assertThat(page.total()).isEmpty();
  }

  private static HitsMetadata<String> hits(int count, long total, TotalHitsRelation relation) {
    List<Hit<String>> hits =
        IntStream.range(0, count)
            .mapToObj(
                i ->
                    Hit.<String>of(
                        h ->
                            h.index("i")
                                .id("doc-" + i)
                                .source("doc-" + i)
                                .sort(FieldValue.of(i), FieldValue.of("doc-" + i))))
            .toList();
    return HitsMetadata.of(m -> m.hits(hits).total(t -> t.value(total).relation(relation)));
  }
}
