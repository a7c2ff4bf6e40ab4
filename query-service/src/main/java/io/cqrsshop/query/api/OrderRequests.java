package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.OrderStatus;
import io.cqrsshop.proto.v1.WatchCustomerOrdersRequest;
import io.cqrsshop.proto.v1.WatchOrderRequest;
import io.cqrsshop.query.application.CustomerOrderListing;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.Outcome;
import java.util.Optional;

/** Validates order requests and maps them to queries. */
final class OrderRequests {

  static final int DEFAULT_PAGE_SIZE = 20;

  private OrderRequests() {}

  static Outcome<Checked<String>> get(GetOrderRequest request) {
    return RequestCheck.oneById(
        request, "order_id", request.getOrderId(), request.getConsistencyTokensList());
  }

  static Outcome<Checked<WatchTarget>> watch(WatchOrderRequest request) {
    return WatchTarget.check(
        request,
        AggregateType.ORDER,
        "order_id",
        request.getOrderId(),
        request.getResumeToken(),
        request.getConsistencyTokensList());
  }

  static Outcome<Checked<String>> watchForCustomer(WatchCustomerOrdersRequest request) {
    return RequestCheck.oneById(
        request, "customer_id", request.getCustomerId(), request.getConsistencyTokensList());
  }

  static Outcome<Checked<CustomerOrderListing>> listForCustomer(
      ListCustomerOrdersRequest request, PageTokens pageTokens) {
    RequestCheck check = new RequestCheck(request);
    String customerId = check.id("customer_id", request.getCustomerId());
    check.knownEnum("status", request.getStatus() == OrderStatus.UNRECOGNIZED);
    int pageSize = check.pageSize("page_size", request.getPageSize(), DEFAULT_PAGE_SIZE);
    var after =
        check.pageToken(
            request.getPageToken(), pageTokens, PageCursor.Shape.of(Long.class, String.class));
    var writes = check.consistencyTokens(request.getConsistencyTokensList());
    return check.result(
        () -> new CustomerOrderListing(customerId, status(request.getStatus()), pageSize, after),
        writes);
  }

  private static Optional<String> status(OrderStatus status) {
    return switch (status) {
      case ORDER_STATUS_PLACED -> Optional.of(OrderDocument.STATUS_PLACED);
      case ORDER_STATUS_SHIPPED -> Optional.of(OrderDocument.STATUS_SHIPPED);
      case ORDER_STATUS_CANCELLED -> Optional.of(OrderDocument.STATUS_CANCELLED);
      case ORDER_STATUS_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
    };
  }
}
