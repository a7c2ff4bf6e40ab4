package io.cqrsshop.command.domain.order;

import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import java.time.Instant;

/** What happened to an order; each event holds the order as it is afterwards. */
public sealed interface OrderEvent extends DomainEvent {

  Order order();

  @Override
  default AggregateVersion aggregate() {
    return new AggregateVersion(AggregateType.ORDER, order().id(), order().version());
  }

  @Override
  default Instant occurredAt() {
    return order().updateTime();
  }

  /** An order was placed; its stock was taken at the same time. */
  record Placed(Order order) implements OrderEvent {
    @Override
    public String name() {
      return "placed";
    }
  }

  /** An order was cancelled; its stock was returned at the same time. */
  record Cancelled(String reason, Order order) implements OrderEvent {
    @Override
    public String name() {
      return "cancelled";
    }
  }

  /** An order was shipped. */
  record Shipped(Order order) implements OrderEvent {
    @Override
    public String name() {
      return "shipped";
    }
  }
}
