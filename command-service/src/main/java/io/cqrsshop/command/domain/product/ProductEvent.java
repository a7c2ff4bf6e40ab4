package io.cqrsshop.command.domain.product;

import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What happened to a product; each event holds the product as it is afterwards. */
public sealed interface ProductEvent extends DomainEvent {

  Product product();

  @Override
  default AggregateVersion aggregate() {
    return new AggregateVersion(AggregateType.PRODUCT, product().id(), product().version());
  }

  @Override
  default Instant occurredAt() {
    return product().updateTime();
  }

  /** A product was created. */
  record Created(Product product) implements ProductEvent {
    @Override
    public String name() {
      return "created";
    }
  }

  /** Name, description and/or category changed ({@code changedFields} lists which). */
  record DetailsUpdated(List<String> changedFields, Product product) implements ProductEvent {
    public DetailsUpdated {
      changedFields = List.copyOf(changedFields);
    }

    @Override
    public String name() {
      return "details_updated";
    }
  }

  /** The price changed. */
  record PriceChanged(Money oldPrice, Money newPrice, Product product) implements ProductEvent {
    @Override
    public String name() {
      return "price_changed";
    }
  }

  /** Units were added or removed, by an adjustment or by an order. */
  record StockAdjusted(
      long delta, StockChangeCause cause, Optional<UUID> orderId, String reason, Product product)
      implements ProductEvent {
    @Override
    public String name() {
      return "stock_adjusted";
    }
  }

  /** The product was taken off sale. */
  record Discontinued(Product product) implements ProductEvent {
    @Override
    public String name() {
      return "discontinued";
    }
  }

  /** A discontinued product was put back on sale. */
  record Reactivated(Product product) implements ProductEvent {
    @Override
    public String name() {
      return "reactivated";
    }
  }
}
