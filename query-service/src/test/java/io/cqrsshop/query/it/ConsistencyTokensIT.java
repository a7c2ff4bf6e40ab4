package io.cqrsshop.query.it;

import static io.cqrsshop.query.it.Documents.kitchenProduct;
import static io.cqrsshop.query.it.Documents.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read-your-writes: calls with consistency tokens wait for the projection (modelled here by
 * indexing from another thread, without a refresh, as the projector does), and give up with
 * PROJECTION_BEHIND when it does not catch up in time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsistencyTokensIT {

  private static final Duration SERVER_CAP = Duration.ofMillis(1500);
  private static final Duration PROJECTION_DELAY = Duration.ofMillis(300);

  private final ScheduledExecutorService projector = Executors.newSingleThreadScheduledExecutor();

  @RegisterExtension
  static final RunningQueryService service = RunningQueryService.start(SERVER_CAP).withIndices();

  @BeforeAll
  void start() {
    // Warms up the search path, so that timings below measure waiting, not class loading.
    service.queries.searchProducts(SearchProductsRequest.getDefaultInstance());
  }

  @AfterAll
  void stop() {
    projector.shutdownNow();
  }

  @Test
  void getProduct_tokenAheadOfTheReadModel_waitsAndAnswersTheNewState() throws Exception {
    ProductDocument v1 = kitchenProduct("Mug");
    service.index(ReadModel.PRODUCTS, v1);
    ProductDocument v2 =
        product(v1.productId(), "Renamed Mug", "", "Kitchen", 100, "EUR", 1, true, 2);
    long started = System.nanoTime();
    ScheduledFuture<?> projected = projectLater(v2);

    var product = service.queries.getProduct(awaitingVersions(v1.productId(), 1, 2)).getProduct();

    projected.get();
    assertThat(product.getVersion()).isEqualTo(2);
    assertThat(product.getName()).isEqualTo("Renamed Mug");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(PROJECTION_DELAY);
  }

  @Test
  void searchProducts_tokenForANewProduct_findsItOnceSearchable() throws Exception {
    ProductDocument created = kitchenProduct("Zebra Kettle");
    ScheduledFuture<?> projected = projectLater(created);

    var found =
        service.queries.searchProducts(
            SearchProductsRequest.newBuilder()
                .setQuery("zebra")
                .addConsistencyTokens(token(AggregateType.PRODUCT, created.productId(), 1))
                .build());

    projected.get();
    assertThat(found.getProductsList()).hasSize(1);
    assertThat(found.getProducts(0).getProductId()).isEqualTo(created.productId());
  }

  @Test
  void getProduct_tokenNeverReached_isUnavailableAtTheServerCap() {
    ProductDocument v1 = product("Lamp", "", "Home", 100, "EUR");
    service.index(ReadModel.PRODUCTS, v1);
    long started = System.nanoTime();

    var error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> service.queries.getProduct(awaitingVersions(v1.productId(), 9)));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SERVER_CAP);
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error.getStatus().getDescription()).contains("products");
    assertThat(errorInfo(error).getReason()).isEqualTo("PROJECTION_BEHIND");
  }

  @Test
  void getProduct_tokenNeverReachedBeforeTheCallersDeadline_isDeadlineExceeded() {
    var error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                service
                    .queries
                    .withDeadlineAfter(1, TimeUnit.SECONDS)
                    .getProduct(productNobodyWroteAtVersion1()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(errorInfo(error).getReason()).isEqualTo("PROJECTION_BEHIND");
  }

  @Test
  void searchProducts_tokenOfAnotherAggregate_doesNotWait() {
    long started = System.nanoTime();

    service.queries.searchProducts(
        SearchProductsRequest.newBuilder()
            .addConsistencyTokens(token(AggregateType.USER, UUID.randomUUID().toString(), 5))
            .build());

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SERVER_CAP);
  }

  @Test
  void getProduct_withoutTokens_answersFromWhatIsThereAtOnce() {
    String notYetProjected = UUID.randomUUID().toString();
    long started = System.nanoTime();

    var error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                service.queries.getProduct(
                    GetProductRequest.newBuilder().setProductId(notYetProjected).build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SERVER_CAP);
  }

  @Test
  void getProduct_tokenBeforeTheReadModelExists_waitsAsForAnyProjectionBehind() {
    try (RunningQueryService noIndices = RunningQueryService.start(Duration.ofMillis(500))) {
      var error =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () -> noIndices.queries.getProduct(productNobodyWroteAtVersion1()));

      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(errorInfo(error).getReason()).isEqualTo("PROJECTION_BEHIND");
    }
  }

  @Test
  void metrics_afterWaits_exposeTheWaitTimerAndTimeouts() throws Exception {
    getProduct_tokenNeverReached_isUnavailableAtTheServerCap();

    String metrics = service.metrics();

    assertThat(metrics)
        .contains("query_consistency_wait_seconds_count{")
        .contains("read_model=\"products\"")
        .contains("query_consistency_timeouts_total{")
        .contains("query_elasticsearch_requests_seconds_count{");
  }

  private ScheduledFuture<?> projectLater(ProductDocument document) {
    return projector.schedule(
        () -> service.indexUnrefreshed(ReadModel.PRODUCTS, document),
        PROJECTION_DELAY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static String token(AggregateType type, String id, long version) {
    return ConsistencyToken.of(new AggregateVersion(type, UUID.fromString(id), version)).encode();
  }

  private static ErrorInfo errorInfo(StatusRuntimeException error) {
    try {
      return StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class);
    } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
      throw new AssertionError("no ErrorInfo in " + error.getStatus(), e);
    }
  }

  /** A GetProduct of the product, awaiting each of those versions of it. */
  private static GetProductRequest awaitingVersions(String productId, long... versions) {
    GetProductRequest.Builder request = GetProductRequest.newBuilder().setProductId(productId);
    for (long version : versions) {
      request.addConsistencyTokens(token(AggregateType.PRODUCT, productId, version));
    }
    return request.build();
  }

  /** A GetProduct of a product nobody writes, awaiting version 1 of another that nobody writes. */
  private static GetProductRequest productNobodyWroteAtVersion1() {
    return GetProductRequest.newBuilder()
        .setProductId(UUID.randomUUID().toString())
        .addConsistencyTokens(token(AggregateType.PRODUCT, UUID.randomUUID().toString(), 1))
        .build();
  }
}
