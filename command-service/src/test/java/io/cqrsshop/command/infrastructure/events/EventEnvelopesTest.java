package io.cqrsshop.command.infrastructure.events;

import static io.cqrsshop.command.domain.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Fixtures;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.RequestId;
import io.cqrsshop.command.domain.order.Order;
import io.cqrsshop.command.domain.order.OrderCancellation;
import io.cqrsshop.command.domain.order.OrderEvent;
import io.cqrsshop.command.domain.order.OrderPlacement;
import io.cqrsshop.command.domain.order.PlacedOrder;
import io.cqrsshop.command.domain.order.RequestedLine;
import io.cqrsshop.command.domain.product.DetailsUpdate;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.command.domain.user.UserEvent;
import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.StockChangeCause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The wire form of every kind of event follows from the names of its record and its proto. */
class EventEnvelopesTest {

  private static final UUID EVENT_ID = UUID.randomUUID();
  private static final CommandContext REQUEST =
      new CommandContext("user-7", new RequestId("req-1"), new byte[0]);
  private static final Instant LATER = Fixtures.T1.plusSeconds(60);

  @Test
  void checkAll_everyKindOfEvent_hasAWireForm() {
    EventEnvelopes.checkAll();
  }

  @Test
  void envelope_eventsOfTheDomain_fillTheFieldNamedForThem() {
    for (DomainEvent event : someOfEveryAggregate()) {
      EventEnvelope envelope = EventEnvelopes.envelope(event, EVENT_ID, REQUEST);

      assertThat(envelope.getEventCase().name())
          .isEqualTo(
              (event.aggregate().type().code() + "_" + event.name()).toUpperCase(Locale.ROOT));
      assertThat(envelope.getAggregateId()).isEqualTo(event.aggregate().id().toString());
      assertThat(envelope.getRequestId()).isEqualTo("req-1");
      assertThat(envelope.getCaller()).isEqualTo("user-7");
    }
  }

  @Test
  void envelope_priceChanged_namesComponentsInSnakeCase() {
    Product lamp = Fixtures.product(3);
    ProductEvent.PriceChanged changed =
        success(lamp.changePrice(ExpectedVersion.any(), new Money("EUR", 1200), LATER));

    EventEnvelope envelope = EventEnvelopes.envelope(changed, EVENT_ID, REQUEST);

    assertThat(envelope.getAggregateType()).isEqualTo(AggregateType.AGGREGATE_TYPE_PRODUCT);
    assertThat(envelope.getAggregateVersion()).isEqualTo(2);
    assertThat(envelope.getProductPriceChanged().getOldPrice().getAmountMinor()).isEqualTo(1000);
    assertThat(envelope.getProductPriceChanged().getNewPrice().getAmountMinor()).isEqualTo(1200);
    assertThat(envelope.getProductPriceChanged().getProduct().getProductId())
        .isEqualTo(lamp.id().toString());
  }

  @Test
  void envelope_stockTakenForOrder_mapsCauseAndOrderId() {
    UUID order = UUID.randomUUID();
    ProductEvent.StockAdjusted taken = Fixtures.product(3).takeForOrder(order, 2, LATER);

    var adjusted = EventEnvelopes.envelope(taken, EVENT_ID, REQUEST).getProductStockAdjusted();

    assertThat(adjusted.getCause()).isEqualTo(StockChangeCause.STOCK_CHANGE_CAUSE_ORDER_PLACED);
    assertThat(adjusted.getOrderId()).isEqualTo(order.toString());
    assertThat(adjusted.getDelta()).isEqualTo(-2);
  }

  @Test
  void envelope_eventThatIsNoRecordOfAnAggregate_isRefused() {
    ProductEvent.Discontinued discontinued =
        success(Fixtures.product(1).discontinue(ExpectedVersion.any(), LATER));
    DomainEvent misnamed =
        new DomainEvent() {
          @Override
          public io.cqrsshop.shared.AggregateVersion aggregate() {
            return discontinued.aggregate();
          }

          @Override
          public String name() {
            return "discontinued";
          }

          @Override
          public Instant occurredAt() {
            return LATER;
          }
        };

    assertThatThrownBy(() -> EventEnvelopes.envelope(misnamed, EVENT_ID, REQUEST))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no wire form");
  }

  /** Events of every aggregate, made by the domain's own methods. */
  private static List<DomainEvent> someOfEveryAggregate() {
    List<DomainEvent> events = new ArrayList<>();
    Product lamp = Fixtures.product(5);
    events.add(
        Product.create(
            lamp.id(), lamp.sku(), lamp.details(), lamp.price(), lamp.stock(), Fixtures.T0));
    events.add(
        success(
            lamp.updateDetails(
                ExpectedVersion.any(),
                new DetailsUpdate(Optional.of("Desk lamp"), Optional.empty(), Optional.of("home")),
                LATER)));
    events.add(success(lamp.changePrice(ExpectedVersion.of(1), new Money("EUR", 990), LATER)));
    events.add(success(lamp.adjustStock(ExpectedVersion.any(), 3, "restock", LATER)));
    events.add(success(lamp.discontinue(ExpectedVersion.any(), LATER)));
    User ada = Fixtures.user();
    events.add(User.create(ada.id(), ada.email(), ada.name(), Fixtures.T0));
    events.add(success(ada.rename(ExpectedVersion.any(), "Ada L.", LATER)));
    UserEvent.EmailChanged moved =
        success(ada.changeEmail(ExpectedVersion.any(), new Email("ada@lovelace.example"), LATER));
    events.add(moved);
    events.add(success(moved.user().delete(ExpectedVersion.any(), LATER.plusSeconds(1))));
    PlacedOrder placed =
        success(
            OrderPlacement.place(
                UUID.randomUUID(),
                ada.id(),
                Optional.of(ada),
                List.of(new RequestedLine(lamp.id(), 2)),
                Map.of(lamp.id(), lamp),
                Fixtures.T1));
    events.addAll(placed.stockTaken());
    events.add(placed.placed());
    Order order = placed.placed().order();
    events.add(success(order.ship(ExpectedVersion.any(), LATER)));
    OrderEvent.Cancelled cancelled =
        success(
                OrderCancellation.cancel(
                    order,
                    Map.of(lamp.id(), placed.stockTaken().getFirst().product()),
                    ExpectedVersion.any(),
                    "changed my mind",
                    LATER))
            .cancelled();
    events.add(cancelled);
    return events;
  }
}
