package io.cqrsshop.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.cqrsshop.proto.v1.ListAggregateHistoryRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.ProductSortOrder;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forged page tokens are refused on {@code page_token}, before they reach Elasticsearch: a client
 * cannot seal a token without the service's key, and should it get one sealed anyway (a leaked
 * key), sort values of the wrong count or kind are still refused.
 */
class ForgedPageTokensTest {

  private static final PageTokens TOKENS = PageTokens.sealedWithRandomKey();

  private static final String ID = "4b3c9a1e-0000-4000-8000-000000000001";

  @Test
  void anyListing_sealRecomputedWithoutTheKey_isRefused() throws Exception {
    var search =
        SearchProductsRequest.newBuilder()
            .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_PRICE_ASCENDING)
            .build();
    var users = ListUsersRequest.newBuilder().build();
    var orders = ListCustomerOrdersRequest.newBuilder().setCustomerId(ID).build();

    // Well-formed sort values of the right shape: only the seal gives them away.
    assertRefused(ProductRequests.search(unkeyed(search, 1299L, "p-1"), TOKENS));
    assertRefused(UserRequests.list(unkeyed(users, "ada", "u-1"), TOKENS));
    assertRefused(
        OrderRequests.listForCustomer(unkeyed(orders, 1_700_000_000_000L, "o-1"), TOKENS));
    assertRefused(
        ProductRequests.search(
            withToken(
                search,
                PageTokens.sealedWithRandomKey()
                    .encode(
                        new PageCursor(Arrays.asList(1299L, "p-1")),
                        PageTokens.fingerprint(search))),
            TOKENS));
  }

  @Test
  void search_byRelevance_acceptsItsOwnShapeOnly() {
    SearchProductsRequest request =
        SearchProductsRequest.newBuilder()
            .setQuery("mug")
            .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_RELEVANCE)
            .build();

    assertThat(ProductRequests.search(sealed(request, 1.5, "p-1"), TOKENS))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(ProductRequests.search(sealed(request, 1299L, "p-1"), TOKENS));
    assertRefused(ProductRequests.search(sealed(request, 1.5), TOKENS));
    assertRefused(ProductRequests.search(sealed(request, 1.5, "p-1", "p-2"), TOKENS));
    assertRefused(ProductRequests.search(sealed(request, 1.5, null), TOKENS));
    assertRefused(ProductRequests.search(sealed(request, 1.5, true), TOKENS));
  }

  @Test
  void search_byPrice_wantsALongThenAnId() {
    SearchProductsRequest request =
        SearchProductsRequest.newBuilder()
            .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_PRICE_ASCENDING)
            .build();

    assertThat(ProductRequests.search(sealed(request, 1299L, "p-1"), TOKENS))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(ProductRequests.search(sealed(request, "cheap", "p-1"), TOKENS));
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

    assertThat(UserRequests.list(sealed(users, "ada", "u-1"), TOKENS))
        .isInstanceOf(Outcome.Success.class);
    // A name too long for its sort field sorts as missing: such a cursor is a real one.
    assertThat(UserRequests.list(sealed(users, null, "u-1"), TOKENS))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(UserRequests.list(sealed(users, "ada", null), TOKENS));
    assertRefused(UserRequests.list(sealed(users, 3L, "u-1"), TOKENS));
    assertThat(OrderRequests.listForCustomer(sealed(orders, 1_700_000_000_000L, "o-1"), TOKENS))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(OrderRequests.listForCustomer(sealed(orders, "yesterday", "o-1"), TOKENS));
    assertThat(HistoryRequests.list(sealed(history, 7L), TOKENS))
        .isInstanceOf(Outcome.Success.class);
    assertRefused(HistoryRequests.list(sealed(history, 7L, 8L), TOKENS));
    assertRefused(HistoryRequests.list(sealed(history, 7.5), TOKENS));
  }

  /** The request with a token sealed by the service's key (as if a client had the key). */
  private static <T extends Message> T sealed(T request, Object... values) {
    return withToken(
        request,
        TOKENS.encode(new PageCursor(Arrays.asList(values)), PageTokens.fingerprint(request)));
  }

  /**
   * A token a client makes up: a real payload, sealed as a client can, with the unkeyed SHA-256
   * seal tokens had before they were keyed, over the request's fingerprint and the payload.
   */
  private static <T extends Message> T unkeyed(T request, Object... values) throws Exception {
    byte[] payload = new ObjectMapper().writeValueAsBytes(Map.of("after", Arrays.asList(values)));
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(PageTokens.fingerprint(request).getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    sha256.update(payload);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return withToken(
        request,
        base64.encodeToString(payload)
            + "."
            + base64.encodeToString(Arrays.copyOf(sha256.digest(), 16)));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T withToken(T request, String token) {
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
