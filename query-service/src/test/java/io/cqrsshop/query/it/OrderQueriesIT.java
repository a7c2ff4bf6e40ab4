package io.cqrsshop.query.it;

import static io.cqrsshop.query.it.Documents.order;
import static io.cqrsshop.query.it.Documents.orderLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersResponse;
import io.cqrsshop.proto.v1.Order;
import io.cqrsshop.proto.v1.OrderStatus;
import io.cqrsshop.proto.v1.OrderStatusChange;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ReadModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderQueriesIT {

  private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");

  private final String customer = Documents.newId();
  private final OrderDocument first =
      customersOrder(0, OrderDocument.STATUS_SHIPPED, orderLine("Blue Mug", 2, 1299));
  private final OrderDocument second =
      customersOrder(3600, OrderDocument.STATUS_CANCELLED, orderLine("Teapot", 1, 2599));
  private final OrderDocument third =
      customersOrder(
          7200,
          OrderDocument.STATUS_PLACED,
          orderLine("Apron", 1, 1999),
          orderLine("Blue Mug", 1, 1299));
  // Placed in the same instant as the third: the id decides.
  private final OrderDocument fourth =
      customersOrder(7200, OrderDocument.STATUS_PLACED, orderLine("Red Mug", 3, 999));
  private final OrderDocument someoneElses =
      order(Documents.newId(), MONDAY, OrderDocument.STATUS_PLACED, orderLine("Hose", 1, 3499));

  @RegisterExtension
  static final RunningQueryService service = RunningQueryService.start().withIndices();

  @BeforeAll
  void start() {
    service.index(ReadModel.ORDERS, first, second, third, fourth, someoneElses);
  }

  @Test
  void getOrder_returnsLinesTotalAndStatusHistory() {
    Order order = fetched(third);

    assertThat(order.getCustomerId()).isEqualTo(customer);
    assertThat(order.getCustomerName()).isEqualTo("Ada Lovelace");
    assertThat(order.getLinesList())
        .extracting(line -> line.getProductName() + " x" + line.getQuantity())
        .containsExactly("Apron x1", "Blue Mug x1");
    assertThat(order.getLines(0).getUnitPrice().getAmountMinor()).isEqualTo(1999);
    assertThat(order.getLines(0).getLineTotal().getCurrencyCode()).isEqualTo("EUR");
    assertThat(order.getTotal().getAmountMinor()).isEqualTo(3298);
    assertThat(order.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PLACED);
    assertThat(order.getPlaceTime().getSeconds())
        .isEqualTo(MONDAY.plusSeconds(7200).getEpochSecond());
  }

  @Test
  void getOrder_cancelledOrder_hasItsHistoryOldestFirst() {
    Order order = fetched(second);

    assertThat(order.getStatusHistoryList())
        .extracting(OrderStatusChange::getStatus)
        .containsExactly(OrderStatus.ORDER_STATUS_PLACED, OrderStatus.ORDER_STATUS_CANCELLED);
    assertThat(order.getStatusHistory(1).getReason()).isEqualTo("because");
  }

  @Test
  void listCustomerOrders_pages_coverTheCustomersOrdersNewestFirstOnce() {
    List<ListCustomerOrdersResponse> pages =
        allPages(ListCustomerOrdersRequest.newBuilder().setCustomerId(customer).setPageSize(3));

    String[] sameInstant =
        third.orderId().compareTo(fourth.orderId()) > 0
            ? new String[] {third.orderId(), fourth.orderId()}
            : new String[] {fourth.orderId(), third.orderId()};
    assertThat(pages).hasSize(2);
    assertThat(pages.stream().flatMap(page -> ids(page).stream()).toList())
        .containsExactly(sameInstant[0], sameInstant[1], second.orderId(), first.orderId());
  }

  @Test
  void listCustomerOrders_status_keepsOnlyThatStatus() {
    var placed =
        service.queries.listCustomerOrders(
            ListCustomerOrdersRequest.newBuilder()
                .setCustomerId(customer)
                .setStatus(OrderStatus.ORDER_STATUS_PLACED)
                .build());

    assertThat(ids(placed)).containsExactlyInAnyOrder(third.orderId(), fourth.orderId());
    assertThat(placed.getNextPageToken()).isEmpty();
  }

  private List<ListCustomerOrdersResponse> allPages(ListCustomerOrdersRequest.Builder request) {
    List<ListCustomerOrdersResponse> pages = new ArrayList<>();
    String token = "";
    do {
      var page = service.queries.listCustomerOrders(request.clone().setPageToken(token).build());
      pages.add(page);
      token = page.getNextPageToken();
    } while (!token.isEmpty() && pages.size() < 10);
    return pages;
  }

  private static List<String> ids(ListCustomerOrdersResponse response) {
    return response.getOrdersList().stream().map(Order::getOrderId).toList();
  }

  /** An order of the customer, placed some seconds after Monday 10:00. */
  private OrderDocument customersOrder(
      long secondsAfterMonday, String status, OrderDocument.Line... lines) {
    return order(customer, MONDAY.plusSeconds(secondsAfterMonday), status, lines);
  }

  private static Order fetched(OrderDocument order) {
    return service
        .queries
        .getOrder(GetOrderRequest.newBuilder().setOrderId(order.orderId()).build())
        .getOrder();
  }
}
