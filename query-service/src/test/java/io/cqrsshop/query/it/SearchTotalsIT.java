package io.cqrsshop.query.it;

import static io.cqrsshop.query.it.Documents.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.proto.v1.SearchProductsResponse;
import io.cqrsshop.query.infrastructure.ProductQueries;
import io.cqrsshop.readmodel.ReadModel;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SearchProducts counts matches exactly up to {@link ProductQueries#EXACT_TOTAL_UP_TO} and says
 * when more match, against a real Elasticsearch holding more products than that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTotalsIT {

  private static final int LAMPS = ProductQueries.EXACT_TOTAL_UP_TO + 1;

  @RegisterExtension
  static final RunningQueryService service = RunningQueryService.start().withIndices();

  @BeforeAll
  void start() {
    service.index(
        ReadModel.PRODUCTS,
        IntStream.range(0, LAMPS)
            .mapToObj(i -> product("Lamp " + i, "A desk lamp", "lighting", 1000 + i, "EUR"))
            .toArray());
    service.index(
        ReadModel.PRODUCTS,
        product("Teapot", "Holds tea", "kitchen", 2599, "EUR"),
        product("Kettle", "Boils water", "kitchen", 3599, "EUR"));
  }

  @Test
  void searchProducts_moreMatchesThanAreCounted_totalIsTheBoundAndSaysSo() {
    SearchProductsResponse lamps =
        service.queries.searchProducts(SearchProductsRequest.newBuilder().setQuery("lamp").build());

    assertThat(lamps.getTotalSize()).isEqualTo(ProductQueries.EXACT_TOTAL_UP_TO);
    assertThat(lamps.getTotalSizeIsLowerBound()).isTrue();
    assertThat(lamps.getProductsCount()).isEqualTo(20);
  }

  @Test
  void searchProducts_fewerMatches_totalIsExact() {
    SearchProductsResponse kitchen =
        service.queries.searchProducts(
            SearchProductsRequest.newBuilder().setCategory("kitchen").build());

    assertThat(kitchen.getTotalSize()).isEqualTo(2);
    assertThat(kitchen.getTotalSizeIsLowerBound()).isFalse();
  }
}
