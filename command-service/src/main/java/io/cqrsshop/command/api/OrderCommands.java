package io.cqrsshop.command.api;

import io.cqrsshop.command.api.CommandRpc.Work;
import io.cqrsshop.command.application.order.CancellingOrder;
import io.cqrsshop.command.application.order.CancellingOrder.CancelOrder;
import io.cqrsshop.command.application.order.PlacingOrder;
import io.cqrsshop.command.application.order.PlacingOrder.PlaceOrder;
import io.cqrsshop.command.application.order.ShippingOrder;
import io.cqrsshop.command.application.order.ShippingOrder.ShipOrder;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.command.domain.Text;
import io.cqrsshop.command.domain.order.RequestedLine;
import io.cqrsshop.proto.v1.CancelOrderRequest;
import io.cqrsshop.proto.v1.CancelOrderResponse;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.proto.v1.ShipOrderRequest;
import io.cqrsshop.proto.v1.ShipOrderResponse;
import io.cqrsshop.shared.Violations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The order RPCs, one endpoint method each: it reads the request through the generated getters into
 * a typed command, hands it to the use case named for the act, and builds the response.
 */
final class OrderCommands {

  private final PlacingOrder placing = new PlacingOrder();
  private final CancellingOrder cancelling = new CancellingOrder();
  private final ShippingOrder shipping = new ShippingOrder();

  List<CommandRpc<?, ?>> all() {
    return List.of(
        CommandRpc.of(
            CommandServiceGrpc.getPlaceOrderMethod(),
            PlaceOrderRequest::getRequestId,
            this::placeOrder),
        CommandRpc.of(
                CommandServiceGrpc.getCancelOrderMethod(),
                CancelOrderRequest::getRequestId,
                this::cancelOrder)
            .freeText("reason"),
        CommandRpc.of(
            CommandServiceGrpc.getShipOrderMethod(),
            ShipOrderRequest::getRequestId,
            this::shipOrder));
  }

  /** Places an order: every line checked, its stock taken and priced, in one transaction. */
  private Work<PlaceOrderResponse> placeOrder(PlaceOrderRequest request, Violations violations) {
    Optional<UUID> customer = Identifiers.parse(request.getCustomerId(), "customer_id", violations);
    int count = request.getLinesCount();
    List<Optional<RequestedLine>> lines = List.of();
    if (count < 1 || count > RequestedLine.MAX_LINES) {
      violations.add("lines", "must hold 1 to " + RequestedLine.MAX_LINES + " lines");
    } else {
      lines = lines(request, violations);
    }
    List<Optional<RequestedLine>> parsed = lines;
    return tx ->
        placing
            .handle(
                new PlaceOrder(
                    customer.orElseThrow(), parsed.stream().map(Optional::orElseThrow).toList()),
                tx)
            .map(
                placed ->
                    PlaceOrderResponse.newBuilder()
                        .setOrderId(placed.receipt().written().id().toString())
                        .setVersion(placed.receipt().version())
                        .setConsistencyToken(placed.receipt().consistencyToken())
                        .setTotal(
                            Money.newBuilder()
                                .setCurrencyCode(placed.total().currencyCode())
                                .setAmountMinor(placed.total().amountMinor()))
                        .build());
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

  /** Cancels a placed order and returns its stock, in one transaction. */
  private Work<CancelOrderResponse> cancelOrder(CancelOrderRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getOrderId(), "order_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<String> reason = Text.upTo(request.getReason(), "reason", 500, violations);
    return tx ->
        cancelling
            .handle(
                new CancelOrder(id.orElseThrow(), expected.orElseThrow(), reason.orElseThrow()), tx)
            .map(
                receipt ->
                    CancelOrderResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Marks a placed order as shipped. */
  private Work<ShipOrderResponse> shipOrder(ShipOrderRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getOrderId(), "order_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return tx ->
        shipping
            .handle(new ShipOrder(id.orElseThrow(), expected.orElseThrow()), tx)
            .map(
                receipt ->
                    ShipOrderResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }
}
