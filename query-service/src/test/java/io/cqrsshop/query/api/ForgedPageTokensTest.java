package io.cqrsshop.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.proto.v1.ListAggregateHistoryRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.ProductSortOrder;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Page tokens forged by a client that recomputed the seal (it is not secret): sort values of the
 * wrong count or kind are refused on {@code page_token}, before they reach Elasticsearch.
 */
class ForgedPageTokensTest {

  private static final String ID = "4b3c9a1e-0000-4000-8000-000000000001";

  @Test
  void search_byRelevance_acceptsItsOwnShapeOnly() {
    SearchProductsRequest request =
        SearchProductsRequest.newBuilder()
            .setQuery("mug")
            .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_RELEVANCE)
            .build();

    assertThat(ProductRequests.search(withToken(request, 1.5, "p-1")))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(ProductRequests.search(withToken(request, 1299L, "p-1")));
    assertRefused(ProductRequests.search(withToken(request, 1.5)));
    assertRefused(ProductRequests.search(withToken(request, 1.5, "p-1", "p-2")));
    assertRefused(ProductRequests.search(withToken(request, 1.5, null)));
    assertRefused(ProductRequests.search(withToken(request, 1.5, true)));
  }

  @Test
  void search_byPrice_wantsALongThenAnId() {
    SearchProductsRequest request =
        SearchProductsRequest.newBuilder()
            .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_PRICE_ASCENDING)
            .build();

    assertThat(ProductRequests.search(withToken(request, 1299L, "p-1")))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(ProductRequests.search(withToken(request, "cheap", "p-1")));
  }

  @Test
  void otherListings_refuseSortValuesOfTheWrongShape() {
    var users = ListUsersRequest.newBuilder().build();
    var orders = ListCustomerOrdersRequest.newBuilder().setCustomerId(ID).build();
    var history =
        ListAggregateHistoryRequest.newBuilder()
            .setAggregateType(io.cqrsshop.proto.v1.AggregateType.AGGREGATE_TYPE_USER)
            .setAggregateId(ID)
            .build();

    assertThat(UserRequests.list(withToken(users, "ada", "u-1")))
        .isInstanceOf(Outcome.Success.class);
    // A name too long for its sort field sorts as missing: such a cursor is a real one.
    assertThat(UserRequests.list(withToken(users, null, "u-1")))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(UserRequests.list(withToken(users, "ada", null)));
    assertRefused(UserRequests.list(withToken(users, 3L, "u-1")));
    assertThat(OrderRequests.listForCustomer(withToken(orders, 1_700_000_000_000L, "o-1")))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(OrderRequests.listForCustomer(withToken(orders, "yesterday", "o-1")));
    assertThat(HistoryRequests.list(withToken(history, 7L))).isInstanceOf(Outcome.Success.class);
    assertRefused(HistoryRequests.list(withToken(history, 7L, 8L)));
    assertRefused(HistoryRequests.list(withToken(history, 7.5)));
  }

  @SuppressWarnings("unchecked")
  private static <T extends com.google.protobuf.Message> T withToken(T request, Object... values) {
    String token =
        PageTokens.encode(new PageCursor(Arrays.asList(values)), PageTokens.fingerprint(request));
    var builder = request.toBuilder();
    builder.setField(request.getDescriptorForType().findFieldByName("page_token"), token);
    return (T) builder.build();
  }

  private static void assertRefused(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    Rejection rejection = ((Outcome.Rejected<?>) outcome).rejection();
    assertThat(rejection).isInstanceOf(Rejection.InvalidInput.class);
    assertThat(((Rejection.InvalidInput) rejection).violations())
        .extracting(Rejection.FieldViolation::field)
        .isEqualTo(List.of("page_token"));
  }
}
