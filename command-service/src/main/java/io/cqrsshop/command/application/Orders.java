package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.order.Order;
import java.util.Optional;
import java.util.UUID;

/** The stored orders with their lines and status history. */
public interface Orders {

  void add(Order order);

  /** The order, locked against concurrent changes. */
  Optional<Order> lock(UUID id);

  /** Stores the new state of a locked order. */
  void update(Order order);
}
