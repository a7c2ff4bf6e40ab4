package io.cqrsshop.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.QueryServiceGrpc.QueryServiceBlockingStub;
import io.cqrsshop.runtime.security.AuthenticationInterceptor;
import io.cqrsshop.runtime.security.TokenVerifier;
import io.cqrsshop.testing.TestTokens;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * query-service verifying bearer tokens against an identity provider's JWKS URL: queries need the
 * queries scope, the health service stays open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticatedQueriesIT {

  private static final TestTokens ISSUER = TestTokens.newIssuer();
  private static final TestTokens.JwksEndpoint JWKS = ISSUER.serveJwks();

  @RegisterExtension
  static final RunningQueryService service =
      RunningQueryService.startWith(
              Map.of(
                  "QUERY_AUTH_JWKS_URL", JWKS.url().toString(),
                  "QUERY_AUTH_ISSUER", TestTokens.ISSUER,
                  "QUERY_AUTH_AUDIENCE", TestTokens.AUDIENCE))
          .withIndices();

  @AfterAll
  void stopJwks() {
    JWKS.close();
  }

  @Test
  void query_withTheQueriesScope_isAnswered() {
    StatusRuntimeException notFound =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> getProduct(queries(ISSUER.token("ada", "cqrsshop.catalog.read"))));

    assertThat(notFound.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void query_withoutToken_isUnauthenticated() {
    StatusRuntimeException refused =
        catchThrowableOfType(StatusRuntimeException.class, () -> getProduct(service.queries));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(reason(refused)).isEqualTo(TokenVerifier.TOKEN_MISSING);
  }

  @Test
  void query_withACommandsToken_isPermissionDenied() {
    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> getProduct(queries(ISSUER.token("ada", "cqrsshop.catalog.write"))));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(reason(refused)).isEqualTo(AuthenticationInterceptor.SCOPE_MISSING);
  }

  @Test
  void health_staysOpen() {
    assertThat(service.health("")).isEqualTo(ServingStatus.SERVING);
  }

  private static void getProduct(QueryServiceBlockingStub queries) {
    queries.getProduct(
        GetProductRequest.newBuilder().setProductId(UUID.randomUUID().toString()).build());
  }

  private static QueryServiceBlockingStub queries(String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return service.queries.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static String reason(StatusRuntimeException refused) {
    return StatusProto.fromThrowable(refused).getDetailsList().stream()
        .filter(detail -> detail.is(ErrorInfo.class))
        .map(
            detail -> {
              try {
                return detail.unpack(ErrorInfo.class).getReason();
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
              }
            })
        .findFirst()
        .orElse("");
  }
}
