package io.cqrsshop.bench;

import io.cqrsshop.bench.report.Table;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersResponse;
import io.cqrsshop.proto.v1.Order;
import io.cqrsshop.proto.v1.OrderLine;
import io.cqrsshop.proto.v1.OrderStatus;
import io.cqrsshop.proto.v1.Product;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks the order contest through the read side, with consistency tokens so that the views are
 * known to include every accepted order: for each hot product, units sold (counted from the order
 * view) plus its final stock (from the product view) must equal the stock it started with.
 */
final class StockAudit {

  private final BenchContext context;
  private final ContendedOrders.Contest contest;

  StockAudit(BenchContext context, ContendedOrders.Contest contest) {
    this.context = context;
    this.contest = contest;
  }

  /**
   * Prints the audit; true when it balances.
   *
   * @param unanswered calls that ended without an answer, whose orders may or may not exist
   */
  boolean run(long unanswered) {
    Map<String, Long> soldInView = new HashMap<>();
    long ordersInView = 0;
    for (int c = 0; c < contest.customers.size(); c++) {
      ordersInView += countOrders(c, soldInView);
    }
    long acceptedOrders = contest.ordersByCustomer.stream().mapToLong(q -> q.size()).sum();
    Table table =
        new Table(
            "product", "initial", "sold (client)", "sold (order view)", "final stock", "balance");
    boolean balanced = true;
    for (int i = 0; i < contest.products.size(); i++) {
      Written product = contest.products.get(i);
      long finalStock = finalStock(product.id(), contest.highestVersion.get(i));
      long soldView = soldInView.getOrDefault(product.id(), 0L);
      long balance = contest.initialStock - soldView - finalStock;
      boolean ok =
          balance == 0 && finalStock >= 0 && (unanswered > 0 || soldView == contest.sold.get(i));
      balanced &= ok;
      table.row(
          "hot-" + (i + 1),
          contest.initialStock,
          contest.sold.get(i),
          soldView,
          finalStock,
          balance == 0 ? "0 ok" : balance + " MISMATCH");
    }
    boolean ordersMatch = unanswered > 0 || ordersInView == acceptedOrders;
    context.out().println();
    context.out().println("stock audit (read side, waiting on the orders' consistency tokens):");
    context.out().print(table.render());
    context
        .out()
        .println(
            "orders: "
                + acceptedOrders
                + " accepted by CommandService, "
                + ordersInView
                + " in the order view");
    if (unanswered > 0) {
      context
          .out()
          .println(
              unanswered
                  + " call(s) ended without an answer, so the client counts are a lower bound;"
                  + " the order view decides");
    }
    boolean passed = balanced && ordersMatch;
    context
        .out()
        .println(
            passed
                ? "check PASSED: units sold + final stock == initial stock for every hot product"
                : "check FAILED: stock does not balance (see the table above)");
    return passed;
  }

  private long finalStock(String productId, long version) {
    String token =
        Tokens.covering(
                List.of(
                    new AggregateVersion(
                        AggregateType.PRODUCT, UUID.fromString(productId), version)))
            .getFirst();
    try {
      Product product =
          context
              .clients()
              .queries()
              .getProduct(
                  GetProductRequest.newBuilder()
                      .setProductId(productId)
                      .addConsistencyTokens(token)
                      .build())
              .getProduct();
      if (product.getVersion() < version) {
        throw new HarnessException(
            "GetProduct with a token answered version " + product.getVersion() + " < " + version);
      }
      return product.getStock();
    } catch (StatusRuntimeException e) {
      throw new HarnessException(
          "the audit could not read product " + productId + ": " + CallOutcome.describe(e), e);
    }
  }

  /** Adds the customer's hot-product units to {@code sold}; returns the customer's order count. */
  private long countOrders(int customer, Map<String, Long> sold) {
    List<AggregateVersion> writes = new ArrayList<>(contest.ordersByCustomer.get(customer));
    if (writes.size() > Tokens.MAX_WRITES) {
      throw new HarnessException(
          "one customer placed "
              + writes.size()
              + " orders, more than one query can wait for ("
              + Tokens.MAX_WRITES
              + "); use more --clients or less --hot-stock");
    }
    List<String> tokens = Tokens.covering(writes);
    long orders = 0;
    String pageToken = "";
    do {
      ListCustomerOrdersResponse page = page(customer, tokens, pageToken);
      for (Order order : page.getOrdersList()) {
        if (order.getStatus() == OrderStatus.ORDER_STATUS_CANCELLED) {
          continue;
        }
        orders++;
        for (OrderLine line : order.getLinesList()) {
          sold.merge(line.getProductId(), line.getQuantity(), Long::sum);
        }
      }
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    return orders;
  }

  private ListCustomerOrdersResponse page(int customer, List<String> tokens, String pageToken) {
    try {
      return context
          .clients()
          .queries()
          .listCustomerOrders(
              ListCustomerOrdersRequest.newBuilder()
                  .setCustomerId(contest.customers.get(customer).id())
                  .setPageSize(100)
                  .setPageToken(pageToken)
                  .addAllConsistencyTokens(tokens)
                  .build());
    } catch (StatusRuntimeException e) {
      throw new HarnessException("the audit could not list orders: " + CallOutcome.describe(e), e);
    }
  }
}
