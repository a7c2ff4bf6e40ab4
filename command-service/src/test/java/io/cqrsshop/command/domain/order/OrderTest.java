package io.cqrsshop.command.domain.order;

import static io.cqrsshop.command.domain.Outcomes.reason;
import static io.cqrsshop.command.domain.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Fixtures;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.StockChangeCause;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {

  private static final Instant LATER = Fixtures.T1.plusSeconds(60);

  private final Product lamp = Fixtures.product(5);
  private final PlacedOrder placed =
      success(
          OrderPlacement.place(
              UUID.randomUUID(),
              UUID.randomUUID(),
              Optional.of(Fixtures.user()),
              List.of(new RequestedLine(lamp.id(), 2)),
              Map.of(lamp.id(), lamp),
              Fixtures.T1));
  private final Order order = placed.placed().order();
  private final Product lampAfterOrder = placed.stockTaken().getFirst().product();

  @Test
  void ship_placedOrder_movesToShippedWithHistory() {
    Order shipped = success(order.ship(ExpectedVersion.of(1), LATER)).order();

    assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(shipped.version()).isEqualTo(2);
    assertThat(shipped.statusHistory())
        .extracting(StatusChange::status, StatusChange::changeTime)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(OrderStatus.PLACED, Fixtures.T1),
            org.assertj.core.groups.Tuple.tuple(OrderStatus.SHIPPED, LATER));
  }

  @Test
  void shipAndCancel_finalStates_areRefusedWithTheirReasons() {
    Order shipped = success(order.ship(ExpectedVersion.any(), LATER)).order();
    Order cancelled = success(order.cancel(ExpectedVersion.any(), "", LATER)).order();

    assertThat(reason(shipped.ship(ExpectedVersion.any(), LATER)))
        .isEqualTo("ORDER_ALREADY_SHIPPED");
    assertThat(reason(shipped.cancel(ExpectedVersion.any(), "", LATER)))
        .isEqualTo("ORDER_ALREADY_SHIPPED");
    assertThat(reason(cancelled.ship(ExpectedVersion.any(), LATER)))
        .isEqualTo("ORDER_ALREADY_CANCELLED");
    assertThat(reason(cancelled.cancel(ExpectedVersion.any(), "", LATER)))
        .isEqualTo("ORDER_ALREADY_CANCELLED");
  }

  @Test
  void cancel_wrongExpectedVersion_isAVersionConflict() {
    assertThat(reason(order.cancel(ExpectedVersion.of(3), "", LATER)))
        .isEqualTo("VERSION_CONFLICT");
  }

  @Test
  void cancellation_placedOrder_returnsEveryLinesStockWithTheReason() {
    CancelledOrder cancelled =
        success(
            OrderCancellation.cancel(
                order,
                Map.of(lamp.id(), lampAfterOrder),
                ExpectedVersion.any(),
                "customer asked",
                LATER));

    assertThat(cancelled.cancelled().reason()).isEqualTo("customer asked");
    assertThat(cancelled.cancelled().order().statusHistory().getLast().reason())
        .isEqualTo("customer asked");
    assertThat(cancelled.stockReturned())
        .singleElement()
        .satisfies(
            returned -> {
              assertThat(returned.delta()).isEqualTo(2);
              assertThat(returned.cause()).isEqualTo(StockChangeCause.ORDER_CANCELLED);
              assertThat(returned.product().stock()).isEqualTo(5);
            });
  }
}
