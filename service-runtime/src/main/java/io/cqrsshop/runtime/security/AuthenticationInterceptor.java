package io.cqrsshop.runtime.security;

import io.cqrsshop.runtime.grpc.GrpcErrors;
import io.cqrsshop.runtime.logging.CallLogContext;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Locale;
import java.util.Map;

/**
 * Authenticates every call that needs a scope by its bearer token ({@code authorization: Bearer
 * <JWT>}) and checks the scope: UNAUTHENTICATED with an ErrorInfo reason for a missing or bad
 * token, PERMISSION_DENIED (reason {@code SCOPE_MISSING}, metadata {@code required_scope}) for a
 * good token without the scope. The caller is then in the call's context ({@link Caller#current()})
 * and in the logs ({@code caller}).
 */
public final class AuthenticationInterceptor implements ServerInterceptor {

  public static final String SCOPE_MISSING = "SCOPE_MISSING";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;
  private final ScopePolicy policy;

  public AuthenticationInterceptor(TokenVerifier verifier, ScopePolicy policy) {
    this.verifier = verifier;
    this.policy = policy;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String service = call.getMethodDescriptor().getServiceName();
    ScopePolicy.Requirement requirement = policy.requirement(service == null ? "" : service);
    if (requirement.open()) {
      return next.startCall(call, headers);
    }
    if (requirement.scope().isEmpty()) {
      return refuse(call, Status.UNIMPLEMENTED.withDescription("not served"));
    }
    Outcome<Caller> caller = authenticate(headers.get(AUTHORIZATION));
    if (caller instanceof Outcome.Rejected<Caller> rejected) {
      return refuse(call, rejected.rejection());
    }
    Caller who = ((Outcome.Success<Caller>) caller).value();
    String scope = requirement.scope().get();
    if (!who.scopes().contains(scope)) {
      return refuse(
          call,
          new Rejection.PermissionDenied(
              SCOPE_MISSING,
              "the token does not grant the scope " + scope + " that " + service + " needs",
              Map.of("required_scope", scope)));
    }
    return CallLogContext.keep(
        "caller",
        who.subject(),
        () -> Contexts.interceptCall(who.attachTo(Context.current()), call, headers, next));
  }

  private Outcome<Caller> authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Outcome.rejected(
          new Rejection.Unauthenticated(
              TokenVerifier.TOKEN_MISSING,
              "this call needs a bearer token (authorization header)"));
    }
    if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return Outcome.rejected(
          new Rejection.Unauthenticated(
              TokenVerifier.TOKEN_MALFORMED, "the authorization header must be 'Bearer <token>'"));
    }
    return verifier.verify(authorization.substring(BEARER.length()).trim());
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Rejection rejection) {
    Status status =
        StatusProto.toStatusRuntimeException(GrpcErrors.toStatus(rejection)).getStatus();
    Metadata trailers =
        StatusProto.toStatusRuntimeException(GrpcErrors.toStatus(rejection)).getTrailers();
    call.close(status, trailers == null ? new Metadata() : trailers);
    return new ServerCall.Listener<>() {};
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
