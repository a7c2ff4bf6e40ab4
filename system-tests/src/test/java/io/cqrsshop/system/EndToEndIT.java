package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeUserEmailRequest;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.DeleteUserRequest;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import io.cqrsshop.proto.v1.FindUserByEmailRequest;
import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.GetSalesSummaryRequest;
import io.cqrsshop.proto.v1.GetUserRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.OrderStatus;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.ProductSortOrder;
import io.cqrsshop.proto.v1.ProductStatus;
import io.cqrsshop.proto.v1.ReactivateProductRequest;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Drives the real gRPC servers of all three deployables over the real pipeline: commands go to
 * PostgreSQL, events through JetStream, read models into Elasticsearch, answers from there.
 */
class EndToEndIT {

  @RegisterExtension static final RunningSystem system = new RunningSystem();

  @BeforeAll
  static void startSystem() {
    system.start();
  }

  @Test
  void allThreeDeployables_reportServing() {
    for (int port :
        new int[] {
          system.command.grpcPort(), system.query.grpcPort(), system.projector.healthPort()
        }) {
      var channel = RunningSystem.channel(port);
      try {
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(30))
            .until(
                () ->
                    HealthGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(2, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance())
                            .getStatus()
                        == ServingStatus.SERVING);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void product_createdThenRepriced_isVisibleThroughGetAndSearch() {
    String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        system
            .commands()
            .createProduct(
                CreateProductRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setSku(sku)
                    .setName("Walnut Desk Organizer " + sku)
                    .setDescription("Keeps pens and cables tidy")
                    .setCategory("office")
                    .setPrice(eur(4_500))
                    .setInitialStock(7)
                    .build());

    var product =
        system
            .queries()
            .getProduct(
                GetProductRequest.newBuilder()
                    .setProductId(created.getProductId())
                    .addConsistencyTokens(created.getConsistencyToken())
                    .build())
            .getProduct();
    assertThat(product.getSku()).isEqualTo(sku);
    assertThat(product.getPrice()).isEqualTo(eur(4_500));
    assertThat(product.getStock()).isEqualTo(7);
    assertThat(product.getAvailable()).isTrue();

    var found =
        system
            .queries()
            .searchProducts(
                SearchProductsRequest.newBuilder()
                    .setQuery("organizer " + sku)
                    .setCategory("OFFICE")
                    .addConsistencyTokens(created.getConsistencyToken())
                    .build());
    assertThat(found.getProductsList())
        .extracting(p -> p.getProductId())
        .contains(created.getProductId());

    var repriced =
        system
            .commands()
            .changeProductPrice(
                ChangeProductPriceRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setProductId(created.getProductId())
                    .setExpectedVersion(created.getVersion())
                    .setPrice(eur(3_999))
                    .build());
    assertThat(repriced.getVersion()).isEqualTo(created.getVersion() + 1);

    var afterGet =
        system
            .queries()
            .getProduct(
                GetProductRequest.newBuilder()
                    .setProductId(created.getProductId())
                    .addConsistencyTokens(repriced.getConsistencyToken())
                    .build())
            .getProduct();
    assertThat(afterGet.getPrice()).isEqualTo(eur(3_999));
    assertThat(afterGet.getVersion()).isEqualTo(repriced.getVersion());

    var afterSearch =
        system
            .queries()
            .searchProducts(
                SearchProductsRequest.newBuilder()
                    .setQuery(sku)
                    .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_PRICE_ASCENDING)
                    .addConsistencyTokens(repriced.getConsistencyToken())
                    .build());
    assertThat(afterSearch.getProductsList())
        .filteredOn(p -> p.getProductId().equals(created.getProductId()))
        .singleElement()
        .satisfies(p -> assertThat(p.getPrice()).isEqualTo(eur(3_999)));
  }

  @Test
  void product_discontinuedThenReactivated_isActiveAgainInTheCatalog() {
    String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        system
            .commands()
            .createProduct(
                CreateProductRequest.newBuilder()
                    .setRequestId(sku)
                    .setSku(sku)
                    .setName("Seasonal Lantern")
                    .setCategory("garden")
                    .setPrice(eur(2_900))
                    .setInitialStock(3)
                    .build())
            .getProductId();
    system
        .commands()
        .discontinueProduct(
            DiscontinueProductRequest.newBuilder()
                .setRequestId(sku + "-off")
                .setProductId(id)
                .build());

    var reactivated =
        system
            .commands()
            .reactivateProduct(
                ReactivateProductRequest.newBuilder()
                    .setRequestId(sku + "-on")
                    .setProductId(id)
                    .build());

    // The token of the reactivation: the answer waits until the projector has applied it.
    var product =
        system
            .queries()
            .getProduct(
                GetProductRequest.newBuilder()
                    .setProductId(id)
                    .addConsistencyTokens(reactivated.getConsistencyToken())
                    .build())
            .getProduct();
    assertThat(product.getStatus()).isEqualTo(ProductStatus.PRODUCT_STATUS_ACTIVE);
    assertThat(product.getVersion()).isEqualTo(3);
    assertThat(product.getStock()).isEqualTo(3);
  }

  @Test
  void placedOrder_isInTheCustomersHistoryAndTheSalesSummary_onTheFirstCall_everyTime() {
    String currency = "CHF"; // only this test sells in CHF, so the summary counts only its orders
    var customer = createUser("buyer-" + UUID.randomUUID() + "@example.com", "Ada Buyer");
    var product =
        system
            .commands()
            .createProduct(
                CreateProductRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setSku("RYW-" + UUID.randomUUID().toString().substring(0, 8))
                    .setName("Espresso Beans 1kg")
                    .setCategory("coffee")
                    .setPrice(Money.newBuilder().setCurrencyCode(currency).setAmountMinor(2_450))
                    .setInitialStock(1_000)
                    .build());
    String today = LocalDate.now(ZoneOffset.UTC).toString();

    int iterations = 20;
    for (int i = 1; i <= iterations; i++) {
      var placed = placeOrder(customer, product.getProductId(), 2);
      assertThat(placed.getTotal().getAmountMinor()).isEqualTo(4_900);

      var history =
          system
              .queries()
              .listCustomerOrders(
                  ListCustomerOrdersRequest.newBuilder()
                      .setCustomerId(customer)
                      .setPageSize(1)
                      .addConsistencyTokens(placed.getConsistencyToken())
                      .build());
      assertThat(history.getOrdersList())
          .as("iteration %d: the newest order is the one just placed", i)
          .extracting(o -> o.getOrderId())
          .containsExactly(placed.getOrderId());

      var summary =
          system
              .queries()
              .getSalesSummary(
                  GetSalesSummaryRequest.newBuilder()
                      .setStartDate(today)
                      .setEndDate(today)
                      .setCurrencyCode(currency)
                      .addConsistencyTokens(placed.getConsistencyToken())
                      .build());
      assertThat(summary.getTotal().getOrderCount())
          .as("iteration %d: the summary counts every order placed so far", i)
          .isEqualTo(i);
      assertThat(summary.getTotal().getRevenue().getAmountMinor()).isEqualTo(4_900L * i);
    }

    var productAfter =
        system
            .queries()
            .getProduct(
                GetProductRequest.newBuilder().setProductId(product.getProductId()).build());
    assertThat(productAfter.getProduct().getStock()).isBetween(1_000L - 2L * iterations, 1_000L);
  }

  @Test
  void order_keepsNamesAndPricesAsTheyWereWhenPlaced() {
    String customer = createUser("keeper-" + UUID.randomUUID() + "@example.com", "Grace Keeper");
    var product =
        system
            .commands()
            .createProduct(
                CreateProductRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setSku("KEEP-" + UUID.randomUUID().toString().substring(0, 8))
                    .setName("Teapot")
                    .setCategory("kitchen")
                    .setPrice(eur(3_000))
                    .setInitialStock(5)
                    .build());
    var placed = placeOrder(customer, product.getProductId(), 2);
    var repriced =
        system
            .commands()
            .changeProductPrice(
                ChangeProductPriceRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setProductId(product.getProductId())
                    .setPrice(eur(9_999))
                    .build());

    var order =
        system
            .queries()
            .getOrder(
                GetOrderRequest.newBuilder()
                    .setOrderId(placed.getOrderId())
                    .addConsistencyTokens(placed.getConsistencyToken())
                    .addConsistencyTokens(repriced.getConsistencyToken())
                    .build())
            .getOrder();

    assertThat(order.getCustomerName()).isEqualTo("Grace Keeper");
    assertThat(order.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PLACED);
    assertThat(order.getLinesList())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getProductName()).isEqualTo("Teapot");
              assertThat(line.getUnitPrice()).isEqualTo(eur(3_000));
              assertThat(line.getLineTotal()).isEqualTo(eur(6_000));
            });
    assertThat(order.getTotal()).isEqualTo(eur(6_000));
  }

  @Test
  void user_lifecycle_isVisibleThroughLookups() {
    String email = "Mixed.Case-" + UUID.randomUUID() + "@Example.com";
    String userId = createUser(email, "Linus Lookup");

    var changed =
        system
            .commands()
            .changeUserEmail(
                ChangeUserEmailRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setUserId(userId)
                    .setEmail("new-" + email)
                    .build());
    var byEmail =
        system
            .queries()
            .findUserByEmail(
                FindUserByEmailRequest.newBuilder()
                    .setEmail(("new-" + email).toLowerCase(java.util.Locale.ROOT))
                    .addConsistencyTokens(changed.getConsistencyToken())
                    .build())
            .getUser();
    assertThat(byEmail.getUserId()).isEqualTo(userId);
    assertThat(byEmail.getEmailHistoryList())
        .extracting(h -> h.getEmail())
        .containsExactly(email, "new-" + email);

    var deleted =
        system
            .commands()
            .deleteUser(
                DeleteUserRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setUserId(userId)
                    .build());
    assertThatThrownBy(
            () ->
                system
                    .queries()
                    .getUser(
                        GetUserRequest.newBuilder()
                            .setUserId(userId)
                            .addConsistencyTokens(deleted.getConsistencyToken())
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  private static String createUser(String email, String name) {
    var created =
        system
            .commands()
            .createUser(
                CreateUserRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setEmail(email)
                    .setName(name)
                    .build());
    return created.getUserId();
  }

  private static Money eur(long minor) {
    return Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(minor).build();
  }

  private static io.cqrsshop.proto.v1.PlaceOrderResponse placeOrder(
      String customerId, String productId, long quantity) {
    return system
        .commands()
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setCustomerId(customerId)
                .addLines(PlaceOrderLine.newBuilder().setProductId(productId).setQuantity(quantity))
                .build());
  }
}
