package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.RateLimiter;
import io.cqrsshop.projector.ProjectorBuild;
import io.cqrsshop.projector.projection.EventProjection;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.AggregateType;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.HistoryEvent;
import io.cqrsshop.proto.v1.ListAggregateHistoryRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.RenameUserRequest;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchemas;
import io.cqrsshop.testing.TestElasticsearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read-model lifecycle over the real deployables: a new read model built from existing data on
 * its first deployment, the drift check (a corrupted document found and repaired, a system under
 * load found clean), and a rebuild from PostgreSQL's event log when the stream lost its history.
 */
class ReadModelLifecycleIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private RunningSystem system;

  @AfterEach
  void stopSystem() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void historyReadModel_firstDeployedOnAShopWithData_isBuiltFromTheWholeHistory() {
    // The shop runs a projector from before the history read model existed.
    system =
        new RunningSystem()
            .start(
                new ProjectorBuild(
                    ReadModelSchemas.standard().without(ReadModel.HISTORY),
                    EventProjection.standard()));
    var product = createProduct("HIST", 1_200);
    var repriced =
        system
            .commands()
            .changeProductPrice(
                ChangeProductPriceRequest.newBuilder()
                    .setRequestId("reprice-" + product.getProductId())
                    .setProductId(product.getProductId())
                    .setPrice(eur(1_150))
                    .build());
    system
        .queries()
        .getProduct(
            GetProductRequest.newBuilder()
                .setProductId(product.getProductId())
                .addConsistencyTokens(repriced.getConsistencyToken())
                .build());
    var user =
        system
            .commands()
            .createUser(
                CreateUserRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setEmail("hist-" + UUID.randomUUID() + "@example.com")
                    .setName("Ada")
                    .build());
    var renamed =
        system
            .commands()
            .renameUser(
                RenameUserRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setUserId(user.getUserId())
                    .setName("Ada King")
                    .build());

    // The upgrade: the new projector finds no history index and builds it from the stream.
    system.projector.shutdown();
    system.projector = system.startProjector();

    var history =
        system
            .queries()
            .listAggregateHistory(
                ListAggregateHistoryRequest.newBuilder()
                    .setAggregateType(AggregateType.AGGREGATE_TYPE_PRODUCT)
                    .setAggregateId(product.getProductId())
                    .addConsistencyTokens(repriced.getConsistencyToken())
                    .build());
    assertThat(history.getEventsList())
        .extracting(HistoryEvent::getEventType)
        .containsExactly("ProductPriceChanged", "ProductCreated");
    HistoryEvent price = history.getEvents(0);
    assertThat(price.getRequestId()).isEqualTo("reprice-" + product.getProductId());
    assertThat(price.getChanges(0).getField()).isEqualTo("price");
    assertThat(price.getChanges(0).getOldValue()).isEqualTo("12.00 EUR");
    assertThat(price.getChanges(0).getNewValue()).isEqualTo("11.50 EUR");

    var userHistory =
        system
            .queries()
            .listAggregateHistory(
                ListAggregateHistoryRequest.newBuilder()
                    .setAggregateType(AggregateType.AGGREGATE_TYPE_USER)
                    .setAggregateId(user.getUserId())
                    .setPageSize(1)
                    .addConsistencyTokens(renamed.getConsistencyToken())
                    .build());
    assertThat(userHistory.getEventsList())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getEventType()).isEqualTo("UserRenamed");
              assertThat(event.getChanges(0).getOldValue()).isEqualTo("Ada");
              assertThat(event.getChanges(0).getNewValue()).isEqualTo("Ada King");
            });
    assertThat(userHistory.getNextPageToken()).isNotEmpty();
  }

  @Test
  void driftCheck_findsCorruptedAndMissingDocuments_andRepairsThem() throws Exception {
    system = new RunningSystem().start();
    var product = createProduct("DRIFT", 990);
    var order =
        system
            .commands()
            .placeOrder(
                PlaceOrderRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setCustomerId(createUser())
                    .addLines(
                        PlaceOrderLine.newBuilder()
                            .setProductId(product.getProductId())
                            .setQuantity(1))
                    .build());
    awaitNoDrift();

    // By hand: a product renamed in the read model only, an order's document deleted.
    String products = system.indexPrefix + "products";
    var stored = TestElasticsearchDocuments.get(products, product.getProductId());
    stored.put("name", "Tampered");
    TestElasticsearchDocuments.put(products, product.getProductId(), stored);
    TestElasticsearchDocuments.delete(system.indexPrefix + "orders", order.getOrderId());

    RunningSystem.AdminRun found = system.admin("drift", "--settle", "2s");
    assertThat(found.status()).as(found.out()).isEqualTo(1);
    assertThat(found.out()).contains("DIFFERS", product.getProductId(), "[name]");
    assertThat(found.out()).contains("MISSING", order.getOrderId());

    RunningSystem.AdminRun repaired = system.admin("drift", "--repair", "--settle", "2s");
    assertThat(repaired.status()).as(repaired.out()).isZero();
    awaitNoDrift();
    assertThat(
            system
                .queries()
                .getProduct(
                    GetProductRequest.newBuilder().setProductId(product.getProductId()).build())
                .getProduct()
                .getName())
        .startsWith("Drift product");
  }

  /** The load of the drift check's test: well within what the projector keeps up with. */
  private static final int COMMANDS_PER_SECOND = 100;

  @Test
  void driftCheck_onASystemUnderLoad_reportsNoDrift() throws Exception {
    system = new RunningSystem().start();
    List<String> products = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      products.add(createProduct("LOAD" + i, 500 + i).getProductId());
    }
    awaitNoDrift();
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger commands = new AtomicInteger();
    // A steady load rather than as fast as one client can go: the faster the write side, the
    // further the projector trails one closed-loop writer, which is not what the check is about.
    RateLimiter pace = RateLimiter.create(COMMANDS_PER_SECOND);
    Thread load =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (loading.get()) {
                    pace.acquire();
                    String id = products.get(ThreadLocalRandom.current().nextInt(products.size()));
                    system
                        .commands()
                        .adjustProductStock(
                            AdjustProductStockRequest.newBuilder()
                                .setRequestId(UUID.randomUUID().toString())
                                .setProductId(id)
                                .setDelta(1)
                                .build());
                    commands.incrementAndGet();
                  }
                });
    try {
      await().atMost(PATIENCE).until(() -> commands.get() >= 50);
      RunningSystem.AdminRun run = system.admin("drift", "--settle", "20s");
      assertThat(run.status()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("products: ", "no drift");
    } finally {
      loading.set(false);
      load.join();
    }
    assertThat(commands.get()).as("commands kept flowing during the check").isGreaterThan(50);
  }

  @Test
  void streamThatLostItsHistory_refusesARebuild_andOneFromPostgresRestoresEverything()
      throws Exception {
    system = new RunningSystem().start();
    List<CreateProductResponse> created = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      created.add(createProduct("PG" + i, 100 + i));
    }
    awaitNoDrift();
    system.purgeStream();

    RunningSystem.AdminRun refused = system.admin("rebuild", "products");
    assertThat(refused.status()).as(refused.out()).isEqualTo(1);
    assertThat(refused.out()).contains("REFUSED", "--from-postgres");

    RunningSystem.AdminRun restored = system.admin("rebuild", "products", "--from-postgres");
    assertThat(restored.status()).as(restored.out() + restored.err()).isZero();
    assertThat(restored.out()).contains("loaded 10 events from PostgreSQL", "DONE");
    // Commands after the load reach the new index through the stream.
    var late = createProduct("PGLATE", 7);
    system
        .queries()
        .getProduct(
            GetProductRequest.newBuilder()
                .setProductId(late.getProductId())
                .addConsistencyTokens(late.getConsistencyToken())
                .build());
    awaitNoDrift();
  }

  private void awaitNoDrift() {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> system.admin("drift", "--settle", "1s").status() == 0);
  }

  private CreateProductResponse createProduct(String sku, long price) {
    String unique = sku + "-" + UUID.randomUUID().toString().substring(0, 8);
    return system
        .commands()
        .createProduct(
            CreateProductRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setSku(unique)
                .setName("Drift product " + unique)
                .setCategory("test")
                .setPrice(eur(price))
                .setInitialStock(100)
                .build());
  }

  private String createUser() {
    return system
        .commands()
        .createUser(
            CreateUserRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setEmail("drift-" + UUID.randomUUID() + "@example.com")
                .setName("Drift customer")
                .build())
        .getUserId();
  }

  private static Money eur(long minor) {
    return Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(minor).build();
  }

  /** Documents edited by hand, as an operator (or a bug) could. */
  private static final class TestElasticsearchDocuments {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();

    static com.fasterxml.jackson.databind.node.ObjectNode get(String index, String id)
        throws Exception {
      return (com.fasterxml.jackson.databind.node.ObjectNode)
          JSON.readTree(http("GET", "/" + index + "/_doc/" + id, null)).path("_source");
    }

    static void put(String index, String id, Object document) throws Exception {
      http("PUT", "/" + index + "/_doc/" + id + "?refresh=true", JSON.writeValueAsString(document));
    }

    static void delete(String index, String id) throws Exception {
      http("DELETE", "/" + index + "/_doc/" + id + "?refresh=true", null);
    }

    private static String http(String method, String path, String body) throws Exception {
      try (var client = java.net.http.HttpClient.newHttpClient()) {
        var request =
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(TestElasticsearch.url() + path))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
          throw new IllegalStateException(method + " " + path + ": " + response.body());
        }
        return response.body();
      }
    }
  }
}
