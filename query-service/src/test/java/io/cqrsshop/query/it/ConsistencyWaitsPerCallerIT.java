package io.cqrsshop.query.it;

import static io.cqrsshop.query.it.Documents.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.rpc.ErrorInfo;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.GetProductResponse;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import io.cqrsshop.testing.TestTokens;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller holding as many calls as it may waiting for writes not yet projected (as forged tokens
 * naming future versions do) is refused further waits at once, while another caller's lookups go on
 * being answered; the held calls answer once the writes arrive. Callers are told apart by their
 * token's subject, as in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsistencyWaitsPerCallerIT {

  private static final int WAITS_PER_CALLER = 4;
  private static final TestTokens ISSUER = TestTokens.newIssuer();
  private static final TestTokens.JwksEndpoint JWKS = ISSUER.serveJwks();

  @RegisterExtension
  static final RunningQueryService service =
      RunningQueryService.startWith(
              Map.of(
                  "QUERY_AUTH_JWKS_URL",
                  JWKS.url().toString(),
                  "QUERY_AUTH_ISSUER",
                  TestTokens.ISSUER,
                  "QUERY_AUTH_AUDIENCE",
                  TestTokens.AUDIENCE,
                  // Long enough that the held calls are still waiting when the test is done.
                  "QUERY_CONSISTENCY_MAX_WAIT",
                  "60s",
                  "QUERY_MAX_CONSISTENCY_WAITS_PER_CALLER",
                  Integer.toString(WAITS_PER_CALLER)))
          .withIndices();

  @AfterAll
  void stopJwks() {
    JWKS.close();
  }

  @Test
  void callerAtItsBoundOfWaits_isResourceExhaustedAtOnce_anotherCallerIsStillAnswered()
      throws Exception {
    ProductDocument awaited = product("Lamp", "", "Home", 100, "EUR");
    ProductDocument other = product("Mug", "", "Kitchen", 100, "EUR");
    service.index(ReadModel.PRODUCTS, awaited, other);
    // Version 2 of the lamp is not written until the end: the token names a future version.
    GetProductRequest waitForVersion2 =
        GetProductRequest.newBuilder()
            .setProductId(awaited.productId())
            .addConsistencyTokens(token(awaited.productId(), 2))
            .build();
    var ada = withCaller(QueryServiceGrpc.newFutureStub(service.channel), "ada");
    var adaBlocking = withCaller(QueryServiceGrpc.newBlockingStub(service.channel), "ada");
    var bob = withCaller(QueryServiceGrpc.newBlockingStub(service.channel), "bob");

    List<ListenableFuture<GetProductResponse>> held = new ArrayList<>();
    for (int i = 0; i < WAITS_PER_CALLER; i++) {
      held.add(ada.getProduct(waitForVersion2));
    }
    await("the held calls wait")
        .atMost(Duration.ofSeconds(30))
        .until(() -> waitingCalls() == WAITS_PER_CALLER);

    // A refusal, not a timeout: a call that waited would end DEADLINE_EXCEEDED PROJECTION_BEHIND.
    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> adaBlocking.withDeadlineAfter(30, TimeUnit.SECONDS).getProduct(waitForVersion2));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(errorInfo(refused).getReason()).isEqualTo("TOO_MANY_CONSISTENCY_WAITS");
    for (int i = 0; i < 20; i++) {
      var product =
          bob.getProduct(GetProductRequest.newBuilder().setProductId(other.productId()).build());
      assertThat(product.getProduct().getName()).isEqualTo("Mug");
    }
    // A call of the same caller whose token is already satisfied never takes a place.
    assertThat(
            adaBlocking
                .getProduct(
                    GetProductRequest.newBuilder()
                        .setProductId(other.productId())
                        .addConsistencyTokens(token(other.productId(), 1))
                        .build())
                .getProduct()
                .getName())
        .isEqualTo("Mug");
    assertThat(held).noneMatch(java.util.concurrent.Future::isDone);

    service.index(
        ReadModel.PRODUCTS,
        product(awaited.productId(), "Lamp", "", "Home", 100, "EUR", 1, true, 2));
    for (ListenableFuture<GetProductResponse> call : held) {
      assertThat(call.get(30, TimeUnit.SECONDS).getProduct().getVersion()).isEqualTo(2);
    }
  }

  private static <S extends AbstractStub<S>> S withCaller(S stub, String subject) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + ISSUER.token(subject, "cqrsshop.catalog.read"));
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** The calls waiting now, as the metrics endpoint says. */
  private static double waitingCalls() throws Exception {
    String metrics = service.metrics();
    return metrics
        .lines()
        .filter(line -> line.matches("query_consistency_waiting[ {].*"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }

  private static String token(String id, long version) {
    return ConsistencyToken.of(
            new AggregateVersion(AggregateType.PRODUCT, UUID.fromString(id), version))
        .encode();
  }

  private static ErrorInfo errorInfo(StatusRuntimeException error) {
    try {
      return StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException | IndexOutOfBoundsException e) {
      throw new AssertionError("no ErrorInfo in " + error.getStatus(), e);
    }
  }
}
