package io.cqrsshop.command.application.order;

import io.cqrsshop.command.domain.order.RequestedLine;
import java.util.List;
import java.util.UUID;

/** Place an order for a customer. */
public record PlaceOrder(UUID customerId, List<RequestedLine> lines) {

  public PlaceOrder {
    lines = List.copyOf(lines);
  }
}
