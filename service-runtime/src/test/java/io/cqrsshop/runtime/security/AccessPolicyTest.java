package io.cqrsshop.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.ErrorInfo;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.GetOrderResponse;
import io.cqrsshop.proto.v1.GetUserRequest;
import io.cqrsshop.proto.v1.GetUserResponse;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.ListUsersResponse;
import io.cqrsshop.proto.v1.Order;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.proto.v1.User;
import io.cqrsshop.proto.v1.WatchCustomerOrdersRequest;
import io.cqrsshop.proto.v1.WatchCustomerOrdersResponse;
import io.cqrsshop.proto.v1.WatchOrderRequest;
import io.cqrsshop.proto.v1.WatchOrderResponse;
import io.cqrsshop.runtime.InProcessGrpc;
import io.cqrsshop.testing.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access rules of the real contract: every RPC has one, each needs its own scope, and a
 * customer token acts for its own subject only. Against a stand-in QueryService whose GetOrder
 * answers an order of customer {@code ada}.
 */
class AccessPolicyTest {

  private final TestTokens issuer = TestTokens.newIssuer();
  private final AtomicInteger ran = new AtomicInteger();
  @TempDir Path directory;
  private InProcessGrpc grpc;

  @BeforeEach
  void start() throws Exception {
    TokenVerifier verifier = TestAuth.verifier(issuer, directory.resolve("idp.pem"), "off");
    ServerServiceDefinition queries = new StandInQueries().bindService();
    AuthenticationInterceptor interceptor =
        new AuthenticationInterceptor(verifier, AccessPolicy.of(List.of(queries), "off"));
    grpc =
        InProcessGrpc.start(
            server -> server.addService(ServerInterceptors.intercept(queries, interceptor)));
  }

  @AfterEach
  void stop() {
    grpc.close();
  }

  @Test
  void of_everyRpcOfBothApis_hasARule() {
    AccessPolicy policy =
        AccessPolicy.of(
            List.of(
                new StandInQueries().bindService(),
                new CommandServiceGrpc.CommandServiceImplBase() {}.bindService()),
            "off");

    var methods = new java.util.ArrayList<>(QueryServiceGrpc.getServiceDescriptor().getMethods());
    methods.addAll(CommandServiceGrpc.getServiceDescriptor().getMethods());
    for (var method : methods) {
      assertThat(policy.requirement(method.getFullMethodName()).rule())
          .as(method.getFullMethodName())
          .hasValueSatisfying(rule -> assertThat(rule.getScope()).startsWith("cqrsshop."));
    }
  }

  @Test
  void everyRpcOfBothApis_refusesATokenWithoutItsScope_andLetsOneWithItThrough() throws Exception {
    ServerServiceDefinition commands =
        new CommandServiceGrpc.CommandServiceImplBase() {}.bindService();
    ServerServiceDefinition queries = new QueryServiceGrpc.QueryServiceImplBase() {}.bindService();
    AccessPolicy policy = AccessPolicy.of(List.of(commands, queries), "off");
    AuthenticationInterceptor interceptor =
        new AuthenticationInterceptor(
            TestAuth.verifier(issuer, directory.resolve("all.pem"), "off"), policy);
    try (InProcessGrpc both =
        InProcessGrpc.start(
            server ->
                server
                    .addService(ServerInterceptors.intercept(commands, interceptor))
                    .addService(ServerInterceptors.intercept(queries, interceptor)))) {
      ManagedChannel to = both.channel();
      var methods =
          new java.util.ArrayList<>(CommandServiceGrpc.getServiceDescriptor().getMethods());
      methods.addAll(QueryServiceGrpc.getServiceDescriptor().getMethods());
      for (var method : methods) {
        String scope =
            policy.requirement(method.getFullMethodName()).rule().orElseThrow().getScope();
        assertThat(statusOf(to, method, issuer.token("clerk", "cqrsshop.other")))
            .as("%s without %s", method.getFullMethodName(), scope)
            .isEqualTo(Status.Code.PERMISSION_DENIED);
        // The stand-in implements nothing: UNIMPLEMENTED means the call got past the check.
        assertThat(statusOf(to, method, issuer.token("clerk", scope)))
            .as("%s with %s", method.getFullMethodName(), scope)
            .isEqualTo(Status.Code.UNIMPLEMENTED);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Status.Code statusOf(
      ManagedChannel channel, io.grpc.MethodDescriptor<?, ?> method, String token) {
    var typed = (io.grpc.MethodDescriptor<Object, Object>) method;
    Object request =
        ((io.grpc.MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
            .getMessagePrototype();
    try {
      io.grpc.stub.ClientCalls.blockingUnaryCall(
          TestAuth.bearer(channel, token), typed, io.grpc.CallOptions.DEFAULT, request);
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void of_anRpcWithoutARule_refusesToStartNamingIt() {
    // A protobuf service whose methods carry no (cqrsshop.v1.access) option.
    ServerServiceDefinition unruled =
        new io.grpc.protobuf.services.HealthStatusManager().getHealthService().bindService();

    assertThatThrownBy(() -> AccessPolicy.of(List.of(unruled), "off"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("grpc.health.v1.Health.Check");
  }

  @Test
  void backOfficeToken_withTheRpcsScope_actsForAnyone() {
    var users = queries(issuer.token("clerk", "cqrsshop.users.read"));

    assertThat(users.getUser(GetUserRequest.newBuilder().setUserId("bob").build()).getUser())
        .extracting(User::getUserId)
        .isEqualTo("bob");
  }

  @Test
  void tokenWithAnotherRpcsScope_isPermissionDeniedNamingTheScope() {
    var error =
        refused(
            () ->
                queries(issuer.token("clerk", "cqrsshop.orders.read"))
                    .getUser(GetUserRequest.newBuilder().setUserId("bob").build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(errorInfo(error).getReason()).isEqualTo(AuthenticationInterceptor.SCOPE_MISSING);
    assertThat(errorInfo(error).getMetadataMap())
        .containsEntry("required_scope", "cqrsshop.users.read");
  }

  @Test
  void customerToken_readsItsOwnUser_andNobodyElses() {
    var ada = queries(issuer.token("ada", AccessPolicy.CUSTOMER_SCOPE));

    assertThat(ada.getUser(GetUserRequest.newBuilder().setUserId("ada").build()).getUser())
        .extracting(User::getUserId)
        .isEqualTo("ada");
    int before = ran.get();
    var error = refused(() -> ada.getUser(GetUserRequest.newBuilder().setUserId("bob").build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(errorInfo(error).getReason()).isEqualTo(AuthenticationInterceptor.NOT_YOUR_DATA);
    assertThat(ran.get()).as("the refused call never ran").isEqualTo(before);
  }

  @Test
  void customerToken_getsItsOwnOrder_andNotAnotherCustomers() {
    var ada = queries(issuer.token("ada", AccessPolicy.CUSTOMER_SCOPE));
    var bob = queries(issuer.token("bob", AccessPolicy.CUSTOMER_SCOPE));
    var order = GetOrderRequest.newBuilder().setOrderId("o-1").build();

    assertThat(ada.getOrder(order).getOrder().getCustomerId()).isEqualTo("ada");
    var error = refused(() -> bob.getOrder(order));
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(errorInfo(error).getReason()).isEqualTo(AuthenticationInterceptor.NOT_YOUR_DATA);
    assertThat(error.getMessage()).doesNotContain("ada");
  }

  @Test
  void customerToken_watchesItsOwnOrders_andNotAnotherCustomers() {
    var ada = queries(issuer.token("ada", AccessPolicy.CUSTOMER_SCOPE));
    var bob = queries(issuer.token("bob", AccessPolicy.CUSTOMER_SCOPE));
    var order = WatchOrderRequest.newBuilder().setOrderId("o-1").build();

    assertThat(ada.watchOrder(order).next().getOrder().getCustomerId()).isEqualTo("ada");
    var foreignOrder = refused(() -> bob.watchOrder(order).next());
    assertThat(errorInfo(foreignOrder).getReason())
        .isEqualTo(AuthenticationInterceptor.NOT_YOUR_DATA);

    var adasOrders = WatchCustomerOrdersRequest.newBuilder().setCustomerId("ada").build();
    assertThat(ada.watchCustomerOrders(adasOrders).next().getOrder().getCustomerId())
        .isEqualTo("ada");
    var foreignList = refused(() -> bob.watchCustomerOrders(adasOrders).next());
    assertThat(errorInfo(foreignList).getReason())
        .isEqualTo(AuthenticationInterceptor.NOT_YOUR_DATA);
  }

  @Test
  void customerToken_onAnRpcWithoutACustomerField_isPermissionDenied() {
    var error =
        refused(
            () ->
                queries(issuer.token("ada", AccessPolicy.CUSTOMER_SCOPE))
                    .listUsers(ListUsersRequest.getDefaultInstance()));

    assertThat(errorInfo(error).getReason()).isEqualTo(AuthenticationInterceptor.SCOPE_MISSING);
  }

  private QueryServiceGrpc.QueryServiceBlockingStub queries(String token) {
    return QueryServiceGrpc.newBlockingStub(TestAuth.bearer(grpc.channel(), token));
  }

  private static StatusRuntimeException refused(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the call was not refused");
  }

  private static ErrorInfo errorInfo(StatusRuntimeException error) {
    try {
      return StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** Answers any user id with that user, and order o-1 as ada's; counts what it ran. */
  private final class StandInQueries extends QueryServiceGrpc.QueryServiceImplBase {
    private static final Order ADAS_ORDER =
        Order.newBuilder().setOrderId("o-1").setCustomerId("ada").build();

    /** Counts the call and answers it with the one response. */
    private <T> void run(StreamObserver<T> answer, T response) {
      ran.incrementAndGet();
      answer.onNext(response);
      answer.onCompleted();
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> answer) {
      run(
          answer,
          GetUserResponse.newBuilder()
              .setUser(User.newBuilder().setUserId(request.getUserId()))
              .build());
    }

    @Override
    public void getOrder(GetOrderRequest request, StreamObserver<GetOrderResponse> answer) {
      run(answer, GetOrderResponse.newBuilder().setOrder(ADAS_ORDER).build());
    }

    @Override
    public void watchOrder(WatchOrderRequest request, StreamObserver<WatchOrderResponse> answer) {
      run(answer, WatchOrderResponse.newBuilder().setOrder(ADAS_ORDER).build());
    }

    @Override
    public void watchCustomerOrders(
        WatchCustomerOrdersRequest request, StreamObserver<WatchCustomerOrdersResponse> answer) {
      run(
          answer,
          WatchCustomerOrdersResponse.newBuilder()
              .setOrder(Order.newBuilder().setOrderId("o-2").setCustomerId(request.getCustomerId()))
              .build());
    }

    @Override
    public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> answer) {
      answer.onNext(ListUsersResponse.getDefaultInstance());
      answer.onCompleted();
    }
  }
}
