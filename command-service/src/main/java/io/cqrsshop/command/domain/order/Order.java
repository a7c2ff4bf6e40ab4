package io.cqrsshop.command.domain.order;

import io.cqrsshop.command.domain.Decisions;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order: lines priced at placement, a total, and a status that moves from PLACED to SHIPPED or
 * CANCELLED and then never again. The status history is kept, oldest first.
 */
public record Order(
    UUID id,
    UUID customerId,
    String customerName,
    List<OrderLine> lines,
    Money total,
    OrderStatus status,
    List<StatusChange> statusHistory,
    Instant placeTime,
    Instant updateTime,
    long version) {

  public Order {
    lines = List.copyOf(lines);
    statusHistory = List.copyOf(statusHistory);
  }

  /** Cancels a placed order; the caller returns its stock in the same transaction. */
  public Outcome<OrderEvent.Cancelled> cancel(
      ExpectedVersion expected, String reason, Instant now) {
    return Decisions.unlessRefused(
        stillPlaced(expected),
        () -> new OrderEvent.Cancelled(reason, moveTo(OrderStatus.CANCELLED, reason, now)));
  }

  public Outcome<OrderEvent.Shipped> ship(ExpectedVersion expected, Instant now) {
    return Decisions.unlessRefused(
        stillPlaced(expected), () -> new OrderEvent.Shipped(moveTo(OrderStatus.SHIPPED, "", now)));
  }

  private Optional<Rejection> stillPlaced(ExpectedVersion expected) {
    return Decisions.firstOf(
        () -> expected.conflictWith(OrderRejections.aggregate(id), version),
        () ->
            switch (status) {
              case PLACED -> Optional.empty();
              case SHIPPED -> Optional.of(OrderRejections.alreadyShipped(id));
              case CANCELLED -> Optional.of(OrderRejections.alreadyCancelled(id));
            });
  }

  private Order moveTo(OrderStatus newStatus, String reason, Instant now) {
    List<StatusChange> history = new ArrayList<>(statusHistory);
    history.add(new StatusChange(newStatus, now, reason));
    return new Order(
        id,
        customerId,
        customerName,
        lines,
        total,
        newStatus,
        history,
        placeTime,
        now,
        version + 1);
  }
}
