package io.cqrsshop.runtime.security;

import io.cqrsshop.proto.v1.AccessRule;
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
import java.util.Locale;
import java.util.Map;

/**
 * Authenticates every call that needs a token by its bearer token ({@code authorization: Bearer
 * <JWT>}) and applies the RPC's access rule ({@link AccessPolicy}): UNAUTHENTICATED with an
 * ErrorInfo reason for a missing or bad token; a token with the rule's scope acts for anyone; a
 * customer token ({@value AccessPolicy#CUSTOMER_SCOPE}) acts for its own subject on the RPCs whose
 * rule names the customer field, and gets PERMISSION_DENIED (reason {@code NOT_YOUR_DATA}) for
 * anyone else's data; any other token gets PERMISSION_DENIED (reason {@code SCOPE_MISSING},
 * metadata {@code required_scope}). The caller is then in the call's context ({@link
 * Caller#current()}) and in the logs ({@code caller}).
 */
public final class AuthenticationInterceptor implements ServerInterceptor {

  public static final String SCOPE_MISSING = "SCOPE_MISSING";
  public static final String NOT_YOUR_DATA = "NOT_YOUR_DATA";

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;
  private final AccessPolicy policy;

  public AuthenticationInterceptor(TokenVerifier verifier, AccessPolicy policy) {
    this.verifier = verifier;
    this.policy = policy;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    AccessPolicy.Requirement requirement = policy.requirement(method);
    if (requirement.open()) {
      return next.startCall(call, headers);
    }
    if (requirement.rule().isEmpty()) {
      return refuse(call, Status.UNIMPLEMENTED.withDescription("not served"));
    }
    Outcome<Caller> caller = authenticate(headers.get(AUTHORIZATION));
    if (caller instanceof Outcome.Rejected<Caller> rejected) {
      return refuse(call, rejected.rejection());
    }
    Caller who = ((Outcome.Success<Caller>) caller).value();
    AccessRule rule = requirement.rule().get();
    if (who.scopes().contains(rule.getScope())) {
      ServerCall.Listener<Q> started = start(who, call, headers, next);
      return rule.getPersonalData()
          ? CustomerGuards.logPersonalDataRead(started, who, method)
          : started;
    }
    boolean selfService =
        !rule.getCustomerRequestField().isEmpty() || !rule.getCustomerResponseField().isEmpty();
    if (selfService && who.scopes().contains(AccessPolicy.CUSTOMER_SCOPE)) {
      ServerCall<Q, R> guarded =
          rule.getCustomerResponseField().isEmpty()
              ? call
              : CustomerGuards.ownAnswersOnly(call, rule.getCustomerResponseField(), who);
      ServerCall.Listener<Q> started = start(who, guarded, headers, next);
      return rule.getCustomerRequestField().isEmpty()
          ? started
          : CustomerGuards.ownRequestsOnly(started, guarded, rule.getCustomerRequestField(), who);
    }
    return refuse(
        call,
        new Rejection.PermissionDenied(
            SCOPE_MISSING,
            "the token does not grant the scope "
                + rule.getScope()
                + " that "
                + call.getMethodDescriptor().getBareMethodName()
                + " needs",
            Map.of("required_scope", rule.getScope())));
  }

  private static <Q, R> ServerCall.Listener<Q> start(
      Caller who, ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
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

  static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Rejection rejection) {
    GrpcErrors.close(call, rejection);
    return new ServerCall.Listener<>() {};
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
