package io.cqrsshop.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.cqrsshop.proto.v1.FindProductBySkuRequest;
import io.cqrsshop.proto.v1.FindUserByEmailRequest;
import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.GetSalesSummaryRequest;
import io.cqrsshop.proto.v1.GetTopProductsRequest;
import io.cqrsshop.proto.v1.GetUserRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.ProductStatus;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.query.application.ProductSearch;
import io.cqrsshop.query.application.ProductSort;
import io.cqrsshop.query.application.ReadModelUnavailableException;
import io.cqrsshop.query.application.TopProductsQuery;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.UserDocument;
import io.cqrsshop.runtime.grpc.UnexpectedErrorInterceptor;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryEndpointTest {

  private static final String PRODUCT_ID = "7f3c2a9e-5b1d-4c8e-9a2f-1e6d3b4c5a7f";
  private static final String LONG_TEXT = "x".repeat(201);

  private final StubReadModels readModels = new StubReadModels();
  private Server server;
  private ManagedChannel channel;
  private QueryServiceGrpc.QueryServiceBlockingStub queries;

  @BeforeEach
  void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                new QueryEndpoint(
                    readModels.readModels(),
                    PageTokens.sealedWithRandomKey(),
                    readModels.watching()))
            .intercept(new UnexpectedErrorInterceptor(FailureClassifier::classify))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    queries = QueryServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void getProduct_malformedIdAndToken_reportsBothFields() {
    var request =
        GetProductRequest.newBuilder()
            .setProductId("42")
            .addConsistencyTokens(token())
            .addConsistencyTokens("ct1.not-a-token")
            .build();

    var error = fail(() -> queries.getProduct(request));

    assertThat(violations(error)).containsOnlyKeys("product_id", "consistency_tokens[1]");
    assertThat(readModels.queries).isEmpty();
  }

  @Test
  void getProduct_moreThanTwentyTokens_reportsTheList() {
    var request =
        GetProductRequest.newBuilder()
            .setProductId(PRODUCT_ID)
            .addAllConsistencyTokens(Collections.nCopies(21, token()))
            .build();

    assertThat(violations(fail(() -> queries.getProduct(request))))
        .containsOnlyKeys("consistency_tokens");
  }

  @Test
  void getProduct_tokensNamingMoreThan200Aggregates_isInvalidArgument() {
    java.util.List<String> tokens = new java.util.ArrayList<>();
    for (int t = 0; t < 2; t++) {
      java.util.List<io.cqrsshop.shared.AggregateVersion> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 150; i++) {
        writes.add(
            new io.cqrsshop.shared.AggregateVersion(
                io.cqrsshop.shared.AggregateType.PRODUCT, UUID.randomUUID(), 1));
      }
      tokens.add(new io.cqrsshop.shared.ConsistencyToken(writes).encode());
    }
    var request =
        GetProductRequest.newBuilder()
            .setProductId(PRODUCT_ID)
            .addAllConsistencyTokens(tokens)
            .build();

    assertThat(violations(fail(() -> queries.getProduct(request))))
        .containsOnlyKeys("consistency_tokens");
  }

  @Test
  void listCustomerOrders_oversizedPageToken_isInvalidArgument() {
    var request =
        ListCustomerOrdersRequest.newBuilder()
            .setCustomerId(PRODUCT_ID)
            .setPageToken("x".repeat(5_000))
            .build();

    assertThat(violations(fail(() -> queries.listCustomerOrders(request))))
        .containsOnlyKeys("page_token");
  }

  @Test
  void getProduct_unknownId_isNotFoundWithReason() {
    var error =
        fail(
            () ->
                queries.getProduct(
                    GetProductRequest.newBuilder().setProductId(PRODUCT_ID).build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(errorInfo(error).getReason()).isEqualTo("PRODUCT_NOT_FOUND");
  }

  @Test
  void getProduct_upperCaseId_findsTheProductKeyedInLowerCase() {
    readModels.products.put(PRODUCT_ID, product());

    var response =
        queries.getProduct(
            GetProductRequest.newBuilder().setProductId(PRODUCT_ID.toUpperCase()).build());

    assertThat(response.getProduct().getProductId()).isEqualTo(PRODUCT_ID);
    assertThat(response.getProduct().getStatus()).isEqualTo(ProductStatus.PRODUCT_STATUS_ACTIVE);
    assertThat(response.getProduct().getPrice())
        .isEqualTo(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(1299).build());
  }

  @Test
  void findProductBySku_badSku_reportsSku() {
    for (String sku : List.of("", "MUG 001", "x".repeat(65))) {
      var request = FindProductBySkuRequest.newBuilder().setSku(sku).build();

      assertThat(violations(fail(() -> queries.findProductBySku(request))))
          .as(sku)
          .containsOnlyKeys("sku");
    }
    assertThat(readModels.queries).isEmpty();
  }

  @Test
  void findProductBySku_unknownSku_isNotFoundWithReason() {
    var error =
        fail(
            () ->
                queries.findProductBySku(
                    FindProductBySkuRequest.newBuilder().setSku("SKU-404").build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(errorInfo(error).getReason()).isEqualTo("PRODUCT_NOT_FOUND");
    assertThat(errorInfo(error).getMetadataMap()).containsEntry("sku", "SKU-404");
  }

  @Test
  void findProductBySku_knownSku_returnsTheProduct() {
    readModels.products.put(PRODUCT_ID, product());

    var response =
        queries.findProductBySku(FindProductBySkuRequest.newBuilder().setSku("SKU-1").build());

    assertThat(response.getProduct().getProductId()).isEqualTo(PRODUCT_ID);
    assertThat(response.getProduct().getSku()).isEqualTo("SKU-1");
    assertThat(readModels.queries).containsExactly("SKU-1");
  }

  @Test
  void searchProducts_everyFieldBad_reportsEachFieldOnce() {
    var request =
        SearchProductsRequest.newBuilder()
            .setQuery(LONG_TEXT)
            .setCategory(LONG_TEXT)
            .setMinPrice(Money.newBuilder().setCurrencyCode("eur").setAmountMinor(5))
            .setMaxPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(-1))
            .setSortOrderValue(99)
            .setPageSize(101)
            .setPageToken("garbage")
            .addConsistencyTokens("nope")
            .build();

    var error = fail(() -> queries.searchProducts(request));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(violationList(error))
        .containsExactlyInAnyOrder(
            "query",
            "category",
            "min_price.currency_code",
            "max_price.amount_minor",
            "sort_order",
            "page_size",
            "page_token",
            "consistency_tokens[0]");
  }

  @Test
  void everyStringField_controlCharacters_areInvalidArgumentNamingTheField() {
    var search =
        SearchProductsRequest.newBuilder()
            .setQuery("blue\tmug\nlarge")
            .setCategory("kitchen\u0000")
            .setMinPrice(Money.newBuilder().setCurrencyCode("EU\u0000"))
            .setPageToken("\u0001")
            .addConsistencyTokens("ct1.\u0000")
            .build();
    var users = ListUsersRequest.newBuilder().setFilter("ada\u0000").build();
    var user = GetUserRequest.newBuilder().setUserId(PRODUCT_ID + "\u0000").build();

    assertThat(violations(fail(() -> queries.searchProducts(search))))
        .containsOnlyKeys(
            "category", "min_price.currency_code", "page_token", "consistency_tokens[0]");
    assertThat(violations(fail(() -> queries.listUsers(users)))).containsOnlyKeys("filter");
    assertThat(violations(fail(() -> queries.getUser(user)))).containsOnlyKeys("user_id");
  }

  @Test
  void searchProducts_boundsInTwoCurrencies_reportsMaxPriceCurrency() {
    var request =
        SearchProductsRequest.newBuilder()
            .setMinPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(5))
            .setMaxPrice(Money.newBuilder().setCurrencyCode("USD").setAmountMinor(10))
            .build();

    assertThat(violations(fail(() -> queries.searchProducts(request))))
        .containsOnlyKeys("max_price.currency_code");
  }

  @Test
  void searchProducts_minimumAboveMaximum_reportsMaxPriceAmount() {
    var request =
        SearchProductsRequest.newBuilder()
            .setMinPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(50))
            .setMaxPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(10))
            .build();

    assertThat(violations(fail(() -> queries.searchProducts(request))))
        .containsOnlyKeys("max_price.amount_minor");
  }

  @Test
  void searchProducts_defaults_sortByRelevanceWithTextAndByNameWithout() {
    queries.searchProducts(SearchProductsRequest.newBuilder().setQuery("mug").build());
    queries.searchProducts(
        SearchProductsRequest.newBuilder()
            .setMaxPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(10))
            .build());

    var searches = readModels.queries.stream().map(ProductSearch.class::cast).toList();
    assertThat(searches.get(0).sort()).isEqualTo(ProductSort.RELEVANCE);
    assertThat(searches.get(0).pageSize()).isEqualTo(20);
    assertThat(searches.get(1).sort()).isEqualTo(ProductSort.NAME_ASCENDING);
    assertThat(searches.get(1).price().orElseThrow().maxMinor()).hasValue(10);
  }

  @Test
  void searchProducts_pageTokenWithOtherParameters_isInvalidPageToken() {
    readModels.searchResult =
        new Page<>(
            List.of(product()),
            Optional.of(new PageCursor(List.of(1.25, PRODUCT_ID))),
            Optional.of(new Page.Total(5, false)));
    var first = queries.searchProducts(SearchProductsRequest.newBuilder().setQuery("mug").build());

    var next =
        queries.searchProducts(
            SearchProductsRequest.newBuilder()
                .setQuery("mug")
                .setPageSize(7)
                .setPageToken(first.getNextPageToken())
                .build());
    var error =
        fail(
            () ->
                queries.searchProducts(
                    SearchProductsRequest.newBuilder()
                        .setQuery("cup")
                        .setPageToken(first.getNextPageToken())
                        .build()));

    assertThat(first.getTotalSize()).isEqualTo(5);
    assertThat(next.getProductsCount()).isEqualTo(1);
    assertThat(((ProductSearch) readModels.queries.get(1)).after())
        .contains(new PageCursor(List.of(1.25, PRODUCT_ID)));
    assertThat(violations(error)).containsOnlyKeys("page_token");
  }

  @Test
  void searchProducts_readModelUnreachable_isUnavailable() {
    readModels.searchFailure =
        new ReadModelUnavailableException("down", new IOException("connection refused"));

    var error = fail(() -> queries.searchProducts(SearchProductsRequest.getDefaultInstance()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void getUser_malformedId_reportsUserId() {
    assertThat(
            violations(
                fail(() -> queries.getUser(GetUserRequest.newBuilder().setUserId("u").build()))))
        .containsOnlyKeys("user_id");
  }

  @Test
  void getUser_deletedUser_isNotFound() {
    String id = UUID.randomUUID().toString();
    readModels.users.put(id, user(id, true));

    var error = fail(() -> queries.getUser(GetUserRequest.newBuilder().setUserId(id).build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(errorInfo(error).getReason()).isEqualTo("USER_NOT_FOUND");
  }

  @Test
  void getUser_liveUser_listsEmailHistoryOldestFirst() {
    String id = UUID.randomUUID().toString();
    readModels.users.put(id, user(id, false));

    var user = queries.getUser(GetUserRequest.newBuilder().setUserId(id).build()).getUser();

    assertThat(user.getEmailHistoryList())
        .extracting(change -> change.getEmail())
        .containsExactly("ada@old.example", "Ada@Example.com");
  }

  @Test
  void findUserByEmail_badAddresses_reportEmail() {
    for (String email : List.of("", "no-at-sign", "a@" + "b".repeat(253))) {
      var request = FindUserByEmailRequest.newBuilder().setEmail(email).build();

      assertThat(violations(fail(() -> queries.findUserByEmail(request))))
          .as(email)
          .containsOnlyKeys("email");
    }
  }

  @Test
  void listUsers_badFields_reportEach() {
    var request =
        ListUsersRequest.newBuilder()
            .setFilter(LONG_TEXT)
            .setPageSize(-1)
            .setPageToken("x.y")
            .build();

    assertThat(violations(fail(() -> queries.listUsers(request))))
        .containsOnlyKeys("filter", "page_size", "page_token");
  }

  @Test
  void getOrder_malformedId_reportsOrderId() {
    assertThat(
            violations(
                fail(
                    () ->
                        queries.getOrder(GetOrderRequest.newBuilder().setOrderId("o-1").build()))))
        .containsOnlyKeys("order_id");
  }

  @Test
  void listCustomerOrders_badFields_reportEach() {
    var request =
        ListCustomerOrdersRequest.newBuilder().setStatusValue(42).setPageSize(1000).build();

    assertThat(violations(fail(() -> queries.listCustomerOrders(request))))
        .containsOnlyKeys("customer_id", "status", "page_size");
  }

  @Test
  void listAggregateHistory_badFields_reportEach() {
    var request =
        io.cqrsshop.proto.v1.ListAggregateHistoryRequest.newBuilder()
            .setAggregateId("42")
            .setPageSize(-1)
            .build();

    assertThat(violations(fail(() -> queries.listAggregateHistory(request))))
        .containsOnlyKeys("aggregate_type", "aggregate_id", "page_size");
  }

  @Test
  void listAggregateHistory_events_showWhatChangedNewestFirst() {
    readModels.historyResult =
        new Page<>(
            List.of(
                new io.cqrsshop.readmodel.HistoryDocument(
                    "e-2",
                    "product",
                    PRODUCT_ID,
                    2,
                    "ProductPriceChanged",
                    Instant.parse("2026-11-22T10:15:30Z"),
                    "reprice-1",
                    List.of(
                        new io.cqrsshop.readmodel.HistoryDocument.Change(
                            "price", "12.00 EUR", "11.50 EUR")))),
            Optional.empty(),
            Optional.empty());

    var response =
        queries.listAggregateHistory(
            io.cqrsshop.proto.v1.ListAggregateHistoryRequest.newBuilder()
                .setAggregateType(io.cqrsshop.proto.v1.AggregateType.AGGREGATE_TYPE_PRODUCT)
                .setAggregateId(PRODUCT_ID.toUpperCase())
                .build());

    assertThat(response.getEventsList())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getAggregateVersion()).isEqualTo(2);
              assertThat(event.getEventType()).isEqualTo("ProductPriceChanged");
              assertThat(event.getRequestId()).isEqualTo("reprice-1");
              assertThat(event.getChanges(0).getOldValue()).isEqualTo("12.00 EUR");
              assertThat(event.getChanges(0).getNewValue()).isEqualTo("11.50 EUR");
            });
    assertThat(readModels.queries)
        .containsExactly(
            new io.cqrsshop.query.application.HistoryListing(
                io.cqrsshop.shared.AggregateType.PRODUCT, PRODUCT_ID, 20, Optional.empty()));
  }

  @Test
  void getSalesSummary_badFields_reportEach() {
    var request =
        GetSalesSummaryRequest.newBuilder()
            .setStartDate("2026-13-01")
            .setCurrencyCode("eu")
            .build();

    assertThat(violations(fail(() -> queries.getSalesSummary(request))))
        .containsOnlyKeys("start_date", "end_date", "currency_code");
  }

  @Test
  void getSalesSummary_reversedOrTooLongRange_reportsEndDate() {
    var reversed = summary("2026-11-10", "2026-11-09");
    var tooLong = summary("2026-01-01", "2027-01-02");

    assertThat(violations(fail(() -> queries.getSalesSummary(reversed))))
        .containsOnlyKeys("end_date");
    assertThat(violations(fail(() -> queries.getSalesSummary(tooLong))))
        .containsOnlyKeys("end_date");
  }

  @Test
  void getSalesSummary_validRange_hasEveryDayAndTheTotal() {
    var response = queries.getSalesSummary(summary("2026-11-01", "2026-11-03"));

    assertThat(response.getDaysList())
        .extracting(day -> day.getDate())
        .containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
    assertThat(response.getDays(0).getAverageOrderValue().getAmountMinor()).isEqualTo(333);
    assertThat(response.getDays(1).getOrderCount()).isZero();
    assertThat(response.getTotal().getDate()).isEmpty();
    assertThat(response.getTotal().getRevenue().getAmountMinor()).isEqualTo(1000);
  }

  @Test
  void getTopProducts_badFields_reportEach() {
    var request =
        GetTopProductsRequest.newBuilder()
            .setStartDate("2026-11-01")
            .setEndDate("2026-11-30")
            .setMetricValue(7)
            .setLimit(101)
            .build();

    assertThat(violations(fail(() -> queries.getTopProducts(request))))
        .containsOnlyKeys("metric", "limit", "currency_code");
  }

  @Test
  void getTopProducts_unspecifiedMetricAndLimit_rankTenByUnits() {
    var response =
        queries.getTopProducts(
            GetTopProductsRequest.newBuilder()
                .setStartDate("2026-11-01")
                .setEndDate("2026-11-30")
                .setCurrencyCode("EUR")
                .build());

    var query = (TopProductsQuery) readModels.queries.getFirst();
    assertThat(query.ranking()).isEqualTo(TopProductsQuery.Ranking.UNITS);
    assertThat(query.limit()).isEqualTo(10);
    assertThat(response.getProducts(0).getRevenue().getCurrencyCode()).isEqualTo("EUR");
    assertThat(response.getProducts(0).getUnitsSold()).isEqualTo(4);
  }

  private static GetSalesSummaryRequest summary(String start, String end) {
    return GetSalesSummaryRequest.newBuilder()
        .setStartDate(start)
        .setEndDate(end)
        .setCurrencyCode("EUR")
        .build();
  }

  private static String token() {
    return ConsistencyToken.of(new AggregateVersion(AggregateType.PRODUCT, UUID.randomUUID(), 1))
        .encode();
  }

  private static ProductDocument product() {
    Instant now = Instant.parse("2026-11-22T10:15:30Z");
    return new ProductDocument(
        PRODUCT_ID,
        "SKU-1",
        "Blue Mug",
        "A mug",
        "Kitchen",
        1299,
        "EUR",
        3,
        "ACTIVE",
        true,
        true,
        2,
        now,
        now);
  }

  private static UserDocument user(String id, boolean deleted) {
    Instant created = Instant.parse("2026-01-01T00:00:00Z");
    Instant changed = Instant.parse("2026-06-01T00:00:00Z");
    return new UserDocument(
        id,
        "Ada@Example.com",
        "Ada Lovelace",
        List.of(
            new UserDocument.EmailHistoryEntry("Ada@Example.com", changed),
            new UserDocument.EmailHistoryEntry("ada@old.example", created)),
        deleted,
        3,
        created,
        changed);
  }

  private static StatusRuntimeException fail(Runnable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::run);
  }

  private static Map<String, String> violations(StatusRuntimeException error) {
    assertThat(error).as("the call should have failed").isNotNull();
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    Map<String, String> byField = new LinkedHashMap<>();
    for (String field : violationList(error)) {
      assertThat(byField.put(field, field)).as("one violation per field: " + field).isNull();
    }
    return byField;
  }

  private static List<String> violationList(StatusRuntimeException error) {
    try {
      return StatusProto.fromThrowable(error)
          .getDetails(0)
          .unpack(BadRequest.class)
          .getFieldViolationsList()
          .stream()
          .map(BadRequest.FieldViolation::getField)
          .toList();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static ErrorInfo errorInfo(StatusRuntimeException error) {
    try {
      return StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
