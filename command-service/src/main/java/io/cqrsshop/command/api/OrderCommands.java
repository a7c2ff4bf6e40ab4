package io.cqrsshop.command.api;

import io.cqrsshop.command.application.AggregateChanges;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.order.CancelOrder;
import io.cqrsshop.command.application.order.CancellingOrder;
import io.cqrsshop.command.application.order.OrderReceipt;
import io.cqrsshop.command.application.order.PlaceOrder;
import io.cqrsshop.command.application.order.PlacingOrder;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.command.domain.Text;
import io.cqrsshop.command.domain.order.RequestedLine;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.shared.Violations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The order RPCs, one registration each: how the request is checked, which use case runs it, and
 * what the response says.
 */
final class OrderCommands {

  private OrderCommands() {}

  static List<CommandRpc<?, ?, ?>> all(IdempotentCommands commands) {
    return List.of(
        place(new PlacingOrder(commands)),
        cancel(new CancellingOrder(commands)),
        ship(new AggregateChanges(commands)));
  }

  /** Places an order: every line checked, its stock taken and priced, in one transaction. */
  private static CommandRpc<?, ?, ?> place(PlacingOrder placing) {
    return CommandRpc.of(
        CommandServiceGrpc.getPlaceOrderMethod(),
        (request, violations) -> {
          Optional<UUID> customer =
              Identifiers.parse(request.getCustomerId(), "customer_id", violations);
          int count = request.getLinesCount();
          List<Optional<RequestedLine>> lines = List.of();
          if (count < 1 || count > RequestedLine.MAX_LINES) {
            violations.add("lines", "must hold 1 to " + RequestedLine.MAX_LINES + " lines");
          } else {
            lines = lines(request, violations);
          }
          List<Optional<RequestedLine>> parsed = lines;
          return context ->
              placing.handle(
                  new PlaceOrder(
                      customer.orElseThrow(), parsed.stream().map(Optional::orElseThrow).toList()),
                  context);
        },
        (OrderReceipt receipt) ->
            Responses.of(
                PlaceOrderResponse.newBuilder()
                    .setOrderId(receipt.receipt().written().id().toString())
                    .setTotal(
                        Money.newBuilder()
                            .setCurrencyCode(receipt.total().currencyCode())
                            .setAmountMinor(receipt.total().amountMinor()))
                    .build(),
                receipt.receipt()));
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
  private static CommandRpc<?, ?, ?> cancel(CancellingOrder cancelling) {
    return CommandRpc.of(
            CommandServiceGrpc.getCancelOrderMethod(),
            (request, violations) -> {
              Addressed order = Addressed.parse(request, "order_id", violations);
              Optional<String> reason = Text.upTo(request.getReason(), "reason", 500, violations);
              return context ->
                  cancelling.handle(
                      new CancelOrder(order.id(), order.expected(), reason.orElseThrow()), context);
            })
        .freeText("reason");
  }

  /** Marks a placed order as shipped. */
  private static CommandRpc<?, ?, ?> ship(AggregateChanges changes) {
    return CommandRpc.of(
        CommandServiceGrpc.getShipOrderMethod(),
        (request, violations) -> {
          Addressed order = Addressed.parse(request, "order_id", violations);
          return context ->
              changes.order(
                  context, order.id(), (current, now) -> current.ship(order.expected(), now));
        });
  }
}
