package io.cqrsshop.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.ErrorInfo;
import io.cqrsshop.runtime.InProcessGrpc;
import io.cqrsshop.runtime.Utf8Marshaller;
import io.cqrsshop.testing.TestTokens;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticationInterceptorTest {

  private static final MethodDescriptor<String, String> WHO_AM_I =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Identity/WhoAmI")
          .setRequestMarshaller(new Utf8Marshaller())
          .setResponseMarshaller(new Utf8Marshaller())
          .build();

  private final TestTokens issuer = TestTokens.newIssuer();
  @TempDir Path directory;
  private InProcessGrpc grpc;

  @BeforeEach
  void start() throws Exception {
    TokenVerifier verifier = TestAuth.verifier(issuer, directory.resolve("idp.pem"), "admin");
    AuthenticationInterceptor interceptor =
        new AuthenticationInterceptor(
            verifier,
            new AccessPolicy(
                Map.of(
                    "test.Identity.WhoAmI",
                    io.cqrsshop.proto.v1.AccessRule.newBuilder().setScope("test.scope").build()),
                "admin"));
    ServerServiceDefinition identity =
        ServerServiceDefinition.builder("test.Identity")
            .addMethod(
                WHO_AM_I,
                ServerCalls.asyncUnaryCall(
                    (request, observer) -> {
                      Caller caller = Caller.current();
                      observer.onNext(caller.subject() + (caller.isAnonymous() ? " (off)" : ""));
                      observer.onCompleted();
                    }))
            .build();
    grpc =
        InProcessGrpc.start(
            server ->
                server
                    .addService(ServerInterceptors.intercept(identity, interceptor))
                    .addService(
                        ServerInterceptors.intercept(
                            new HealthStatusManager().getHealthService(), interceptor)));
  }

  @AfterEach
  void stop() {
    grpc.close();
  }

  @Test
  void tokenWithTheScope_reachesTheServiceAsItsSubject() {
    assertThat(call(issuer.token("ada", "test.scope"))).isEqualTo("ada");
  }

  @Test
  void tokenWhoseSubjectIsAnonymous_isACallerOfItsOwn_notTheCallerWithAuthenticationOff() {
    assertThat(call(issuer.token("anonymous", "test.scope"))).isEqualTo("anonymous");
  }

  @Test
  void noToken_isUnauthenticatedTokenMissing() {
    assertRefused(null, Status.Code.UNAUTHENTICATED, TokenVerifier.TOKEN_MISSING);
  }

  @Test
  void notABearerOrNotAJwt_isUnauthenticatedTokenMalformed() {
    assertRefused(
        "Basic YWRhOnNlY3JldA==", Status.Code.UNAUTHENTICATED, TokenVerifier.TOKEN_MALFORMED);
    assertRefused("Bearer nonsense", Status.Code.UNAUTHENTICATED, TokenVerifier.TOKEN_MALFORMED);
  }

  @Test
  void tokenOfAnotherIssuer_isUnauthenticatedSignatureInvalid() {
    assertRefused(
        "Bearer " + TestTokens.newIssuer().token("mallory", "test.scope"),
        Status.Code.UNAUTHENTICATED,
        TokenVerifier.TOKEN_SIGNATURE_INVALID);
  }

  @Test
  void goodTokenWithoutTheScope_isPermissionDeniedNamingTheScope() {
    StatusRuntimeException error =
        refused(
            "Bearer " + issuer.token("ada", "other.scope"),
            Status.Code.PERMISSION_DENIED,
            AuthenticationInterceptor.SCOPE_MISSING);

    assertThat(errorInfo(error).getMetadataMap()).containsEntry("required_scope", "test.scope");
  }

  @Test
  void health_staysOpenWithoutToken() {
    assertThat(
            HealthGrpc.newBlockingStub(grpc.channel())
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus()
                .name())
        .isEqualTo("SERVING");
  }

  private String call(String token) {
    return ClientCalls.blockingUnaryCall(
        TestAuth.bearer(grpc.channel(), token), WHO_AM_I, CallOptions.DEFAULT, "hello");
  }

  private void assertRefused(String authorization, Status.Code code, String reason) {
    refused(authorization, code, reason);
  }

  private StatusRuntimeException refused(String authorization, Status.Code code, String reason) {
    var withHeaders = TestAuth.authorized(grpc.channel(), authorization);
    StatusRuntimeException[] caught = new StatusRuntimeException[1];
    assertThatThrownBy(
            () ->
                ClientCalls.blockingUnaryCall(withHeaders, WHO_AM_I, CallOptions.DEFAULT, "hello"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              caught[0] = e;
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(errorInfo(e).getReason()).isEqualTo(reason);
            });
    return caught[0];
  }

  private static ErrorInfo errorInfo(StatusRuntimeException error) {
    try {
      return StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** Strings on the wire, for the test service. */
}
