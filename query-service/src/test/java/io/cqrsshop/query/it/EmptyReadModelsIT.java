package io.cqrsshop.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cqrsshop.proto.v1.FindUserByEmailRequest;
import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.GetSalesSummaryRequest;
import io.cqrsshop.proto.v1.GetTopProductsRequest;
import io.cqrsshop.proto.v1.GetUserRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Before the projector has created any index, the service is ready and reads as empty. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmptyReadModelsIT {

  @RegisterExtension static final RunningQueryService service = RunningQueryService.start();

  @Test
  void health_withoutIndices_isServing() {
    assertThat(service.health("")).isEqualTo(ServingStatus.SERVING);
    assertThat(service.health(QueryServiceGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
    assertThat(service.health("liveness")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void listings_withoutIndices_areEmpty() {
    var products =
        service.queries.searchProducts(SearchProductsRequest.newBuilder().setQuery("mug").build());
    var users = service.queries.listUsers(ListUsersRequest.getDefaultInstance());
    var orders =
        service.queries.listCustomerOrders(
            ListCustomerOrdersRequest.newBuilder().setCustomerId(id()).build());

    assertThat(products.getProductsList()).isEmpty();
    assertThat(products.getTotalSize()).isZero();
    assertThat(products.getNextPageToken()).isEmpty();
    assertThat(users.getUsersList()).isEmpty();
    assertThat(orders.getOrdersList()).isEmpty();
  }

  @Test
  void lookups_withoutIndices_areNotFound() {
    assertNotFound(
        () ->
            service.queries.getProduct(GetProductRequest.newBuilder().setProductId(id()).build()));
    assertNotFound(
        () -> service.queries.getUser(GetUserRequest.newBuilder().setUserId(id()).build()));
    assertNotFound(
        () ->
            service.queries.findUserByEmail(
                FindUserByEmailRequest.newBuilder().setEmail("ada@example.com").build()));
    assertNotFound(
        () -> service.queries.getOrder(GetOrderRequest.newBuilder().setOrderId(id()).build()));
  }

  @Test
  void salesReports_withoutIndices_areZeroForEveryDay() {
    var summary =
        service.queries.getSalesSummary(
            GetSalesSummaryRequest.newBuilder()
                .setStartDate("2026-02-27")
                .setEndDate("2026-03-01")
                .setCurrencyCode("EUR")
                .build());
    var top =
        service.queries.getTopProducts(
            GetTopProductsRequest.newBuilder()
                .setStartDate("2026-02-27")
                .setEndDate("2026-03-01")
                .setCurrencyCode("EUR")
                .build());

    assertThat(summary.getDaysList())
        .extracting(day -> day.getDate() + " " + day.getOrderCount())
        .containsExactly("2026-02-27 0", "2026-02-28 0", "2026-03-01 0");
    assertThat(summary.getTotal().getOrderCount()).isZero();
    assertThat(top.getProductsList()).isEmpty();
  }

  @Test
  void shutdown_calledTwice_stopsOnceAndQuietly() {
    RunningQueryService other = RunningQueryService.start();
    other.application.shutdown();

    assertThatCode(other::close).doesNotThrowAnyException();
  }

  private static void assertNotFound(Runnable call) {
    var error = catchThrowableOfType(StatusRuntimeException.class, call::run);
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
