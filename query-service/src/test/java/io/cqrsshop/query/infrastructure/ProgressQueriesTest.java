package io.cqrsshop.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProgressQueriesTest {

  @Test
  void visibleWrites_countsDocumentsAtOrAfterEachWrittenVersion() {
    var first = UUID.fromString("00000000-0000-0000-0000-000000000001");
    var second = UUID.fromString("00000000-0000-0000-0000-000000000002");
    var writes =
        List.of(
            new AggregateVersion(AggregateType.PRODUCT, first, 3),
            new AggregateVersion(AggregateType.PRODUCT, second, 7));

    var json = RequestJson.of(ProgressQueries.visibleWrites("shop-products", writes));

    var should = json.at("/query/bool/should");
    assertThat(json.at("/query/bool/minimum_should_match").asText()).isEqualTo("1");
    assertThat(should.size()).isEqualTo(2);
    assertThat(should.get(0).at("/bool/filter").toString())
        .isEqualTo(
            "[{\"ids\":{\"values\":[\"" + first + "\"]}},{\"range\":{\"version\":{\"gte\":3}}}]");
    assertThat(should.get(1).at("/bool/filter/1/range/version/gte").asLong()).isEqualTo(7);
  }
}
