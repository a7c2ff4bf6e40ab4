package io.cqrsshop.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import io.cqrsshop.testing.TcpProxy;
import io.cqrsshop.testing.TestElasticsearch;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Elasticsearch cut off behind a proxy: not ready, calls UNAVAILABLE, and back once it returns. */
class ElasticsearchOutageIT {

  private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(15);

  private final ProductDocument mug = Documents.product("Mug", "", "Kitchen", 100, "EUR");
  private TcpProxy proxy;
  private RunningQueryService service;

  @BeforeEach
  void start() {
    proxy = TcpProxy.forUrl(TestElasticsearch.url());
    service =
        RunningQueryService.startAgainst(proxy.proxiedUrl(TestElasticsearch.url())).withIndices();
    service.index(ReadModel.PRODUCTS, mug);
  }

  @AfterEach
  void stop() {
    service.close();
    proxy.close();
  }

  @Test
  void outage_makesTheServiceUnreadyAndCallsUnavailable_untilElasticsearchIsBack() {
    assertThat(service.health("")).isEqualTo(ServingStatus.SERVING);

    proxy.disconnect();

    await().atMost(READINESS_TIMEOUT).until(() -> service.health("") == ServingStatus.NOT_SERVING);
    assertThat(service.health("liveness")).isEqualTo(ServingStatus.SERVING);
    assertUnavailable(() -> service.queries.getProduct(get().build()));
    assertUnavailable(
        () -> service.queries.searchProducts(SearchProductsRequest.getDefaultInstance()));
    assertUnavailable(
        () ->
            service.queries.getProduct(
                get()
                    .addConsistencyTokens(
                        ConsistencyToken.of(
                                new AggregateVersion(
                                    AggregateType.PRODUCT, UUID.fromString(mug.productId()), 1))
                            .encode())
                    .build()));

    proxy.reconnect();

    await().atMost(READINESS_TIMEOUT).until(() -> service.health("") == ServingStatus.SERVING);
    await()
        .atMost(READINESS_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(service.queries.getProduct(get().build()).getProduct().getName())
                    .isEqualTo("Mug"));
  }

  private GetProductRequest.Builder get() {
    return GetProductRequest.newBuilder().setProductId(mug.productId());
  }

  private static void assertUnavailable(Runnable call) {
    var error = catchThrowableOfType(StatusRuntimeException.class, call::run);
    assertThat(error).isNotNull();
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }
}
