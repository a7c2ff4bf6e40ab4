package io.cqrsshop.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProgressQueriesTest {

  private static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");
  private static final UUID THIRD = UUID.fromString("00000000-0000-0000-0000-000000000003");

  @Test
  void visibleWrites_countsDocumentsAtOrAfterEachWrittenVersion() {
    var writes =
        List.of(
            new AggregateVersion(AggregateType.PRODUCT, FIRST, 3),
            new AggregateVersion(AggregateType.PRODUCT, SECOND, 7));

    var json = RequestJson.of(ProgressQueries.visibleWrites("shop-products", writes));

    var should = json.at("/query/bool/should");
    assertThat(json.at("/query/bool/minimum_should_match").asText()).isEqualTo("1");
    assertThat(should.size()).isEqualTo(2);
    assertThat(should.get(0).at("/bool/filter").toString())
        .isEqualTo(
            "[{\"ids\":{\"values\":[\"" + FIRST + "\"]}},{\"range\":{\"version\":{\"gte\":3}}}]");
    assertThat(should.get(1).at("/bool/filter/1/range/version/gte").asLong()).isEqualTo(7);
  }

  @Test
  void visibleWrites_sameVersion_sharesOneClause() {
    var writes =
        List.of(
            new AggregateVersion(AggregateType.ORDER, FIRST, 1),
            new AggregateVersion(AggregateType.ORDER, SECOND, 2),
            new AggregateVersion(AggregateType.ORDER, THIRD, 1));

    var should =
        RequestJson.of(ProgressQueries.visibleWrites("shop-sales", writes))
            .at("/query/bool/should");

    assertThat(should.size()).isEqualTo(2);
    assertThat(should.get(0).at("/bool/filter/0/ids/values").toString())
        .isEqualTo("[\"" + FIRST + "\",\"" + THIRD + "\"]");
    assertThat(should.get(1).at("/bool/filter/0/ids/values").toString())
        .isEqualTo("[\"" + SECOND + "\"]");
  }

  @Test
  void storedVersions_realTimeMultiGetOfEachWrittenIdOnceWithoutSources() {
    var writes =
        List.of(
            new AggregateVersion(AggregateType.PRODUCT, FIRST, 3),
            new AggregateVersion(AggregateType.PRODUCT, SECOND, 7),
            new AggregateVersion(AggregateType.PRODUCT, FIRST, 4));

    var request = ProgressQueries.storedVersions("shop-products", writes);

    assertThat(request.index()).isEqualTo("shop-products");
    assertThat(request.realtime()).isTrue();
    assertThat(request.source().fetch()).isFalse();
    assertThat(RequestJson.of(request).at("/ids").toString())
        .isEqualTo("[\"" + FIRST + "\",\"" + SECOND + "\"]");
  }
}
