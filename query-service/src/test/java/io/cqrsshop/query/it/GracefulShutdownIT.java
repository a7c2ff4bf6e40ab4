package io.cqrsshop.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.GetProductResponse;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A call in flight when shutdown begins still gets its answer; later calls are refused. */
class GracefulShutdownIT {

  private final ScheduledExecutorService projector = Executors.newSingleThreadScheduledExecutor();
  @RegisterExtension final RunningQueryService service = RunningQueryService.start().withIndices();

  @AfterEach
  void stop() {
    projector.shutdownNow();
  }

  @Test
  void shutdown_duringAConsistencyWait_letsTheCallFinishThenRefusesNewOnes() throws Exception {
    ProductDocument created = Documents.product("Lantern", "", "Outdoor", 100, "EUR");
    GetProductRequest request =
        GetProductRequest.newBuilder()
            .setProductId(created.productId())
            .addConsistencyTokens(
                ConsistencyToken.of(
                        new AggregateVersion(
                            AggregateType.PRODUCT, UUID.fromString(created.productId()), 1))
                    .encode())
            .build();
    CompletableFuture<GetProductResponse> inFlight =
        CompletableFuture.supplyAsync(() -> service.queries.getProduct(request));
    await().atMost(Duration.ofSeconds(10)).until(this::getProductReceived);
    projector.schedule(
        () -> service.indexUnrefreshed(ReadModel.PRODUCTS, created), 300, TimeUnit.MILLISECONDS);

    service.application.shutdown();

    assertThat(inFlight.get(5, TimeUnit.SECONDS).getProduct().getName()).isEqualTo("Lantern");
    var refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> QueryServiceGrpc.newBlockingStub(service.channel).getProduct(request));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  private boolean getProductReceived() throws Exception {
    String metrics = service.metrics();
    return metrics
        .lines()
        .anyMatch(
            line ->
                line.startsWith("grpc_server_requests_received")
                    && line.contains("GetProduct")
                    && !line.endsWith(" 0.0"));
  }
}
