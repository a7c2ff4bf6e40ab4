package io.cqrsshop.command.api;

import io.cqrsshop.command.application.order.CancelOrder;
import io.cqrsshop.command.application.order.PlaceOrder;
import io.cqrsshop.command.application.order.ShipOrder;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.command.domain.Text;
import io.cqrsshop.command.domain.order.RequestedLine;
import io.cqrsshop.proto.v1.CancelOrderRequest;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.ShipOrderRequest;
import io.cqrsshop.shared.Violations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Validates order requests field by field and turns them into commands. */
final class OrderRequests {

  private OrderRequests() {}

  static Supplier<PlaceOrder> place(PlaceOrderRequest request, Violations violations) {
    Optional<UUID> customer = Identifiers.parse(request.getCustomerId(), "customer_id", violations);
    int count = request.getLinesCount();
    List<Optional<RequestedLine>> lines = List.of();
    if (count < 1 || count > RequestedLine.MAX_LINES) {
      violations.add("lines", "must hold 1 to " + RequestedLine.MAX_LINES + " lines");
    } else {
      lines = lines(request, violations);
    }
    List<Optional<RequestedLine>> parsed = lines;
    return () ->
        new PlaceOrder(customer.orElseThrow(), parsed.stream().map(Optional::orElseThrow).toList());
  }

  private static List<Optional<RequestedLine>> lines(
      PlaceOrderRequest request, Violations violations) {
    List<Optional<RequestedLine>> lines = new ArrayList<>();
    Map<UUID, Integer> firstLineOf = new HashMap<>();
    for (int i = 0; i < request.getLinesCount(); i++) {
      PlaceOrderLine line = request.getLines(i);
      String productField = Fields.element("lines", i, "product_id");
      Optional<UUID> product = Identifiers.parse(line.getProductId(), productField, violations);
      Optional<Long> quantity =
          RequestedLine.quantity(
              line.getQuantity(), Fields.element("lines", i, "quantity"), violations);
      if (product.isPresent()) {
        Integer first = firstLineOf.putIfAbsent(product.get(), i);
        if (first != null) {
          violations.add(productField, "repeats the product of lines[" + first + "]");
        }
      }
      lines.add(product.flatMap(id -> quantity.map(units -> new RequestedLine(id, units))));
    }
    return lines;
  }

  static Supplier<CancelOrder> cancel(CancelOrderRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getOrderId(), "order_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<String> reason = Text.upTo(request.getReason(), "reason", 500, violations);
    return () -> new CancelOrder(id.orElseThrow(), expected.orElseThrow(), reason.orElseThrow());
  }

  static Supplier<ShipOrder> ship(ShipOrderRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getOrderId(), "order_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return () -> new ShipOrder(id.orElseThrow(), expected.orElseThrow());
  }
}
