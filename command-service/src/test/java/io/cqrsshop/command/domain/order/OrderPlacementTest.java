package io.cqrsshop.command.domain.order;

import static io.cqrsshop.command.domain.Outcomes.reason;
import static io.cqrsshop.command.domain.Outcomes.rejection;
import static io.cqrsshop.command.domain.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Fixtures;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderPlacementTest {

  private final UUID orderId = UUID.randomUUID();
  private final User customer = Fixtures.user();

  @Test
  void place_suppliableLines_pricesTakesStockAndStartsAtVersionOne() {
    Product lamp = Fixtures.product(5, new Money("EUR", 1000));
    Product bulb = Fixtures.product(50, new Money("EUR", 250));

    PlacedOrder placed =
        success(
            place(
                List.of(new RequestedLine(lamp.id(), 2), new RequestedLine(bulb.id(), 4)),
                lamp,
                bulb));

    Order order = placed.placed().order();
    assertThat(order.version()).isEqualTo(1);
    assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
    assertThat(order.customerName()).isEqualTo("Ada");
    assertThat(order.total()).isEqualTo(new Money("EUR", 3000));
    assertThat(order.lines())
        .extracting(OrderLine::lineTotal)
        .containsExactly(new Money("EUR", 2000), new Money("EUR", 1000));
    assertThat(order.statusHistory())
        .extracting(StatusChange::status)
        .containsExactly(OrderStatus.PLACED);
    assertThat(placed.stockTaken())
        .extracting(event -> event.product().stock(), ProductEvent.StockAdjusted::delta)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, -2L),
            org.assertj.core.groups.Tuple.tuple(46L, -4L));
    assertThat(placed.stockTaken()).allSatisfy(e -> assertThat(e.orderId()).contains(orderId));
  }

  @Test
  void place_notEnoughStock_namesLineProductRequestedAndAvailable() {
    Product lamp = Fixtures.product(5);
    Product bulb = Fixtures.product(1);

    Outcome<PlacedOrder> outcome =
        place(
            List.of(new RequestedLine(lamp.id(), 1), new RequestedLine(bulb.id(), 2)), lamp, bulb);

    assertThat(rejection(outcome))
        .isInstanceOfSatisfying(
            Rejection.RuleViolation.class,
            r ->
                assertThat(r.metadata())
                    .containsEntry("line_index", "1")
                    .containsEntry("product_id", bulb.id().toString())
                    .containsEntry("requested", "2")
                    .containsEntry("available", "1"));
    assertThat(reason(outcome)).isEqualTo("INSUFFICIENT_STOCK");
  }

  @Test
  void place_unknownProduct_isNotFoundNamingTheLine() {
    UUID missing = UUID.randomUUID();

    Outcome<PlacedOrder> outcome = place(List.of(new RequestedLine(missing, 1)));

    assertThat(reason(outcome)).isEqualTo("PRODUCT_NOT_FOUND");
    assertThat(((Rejection.NotFound) rejection(outcome)).metadata())
        .containsEntry("line_index", "0")
        .containsEntry("product_id", missing.toString());
  }

  @Test
  void place_discontinuedProduct_isRefused() {
    Product lamp =
        success(Fixtures.product(5).discontinue(ExpectedVersion.any(), Fixtures.T0)).product();

    assertThat(reason(place(List.of(new RequestedLine(lamp.id(), 1)), lamp)))
        .isEqualTo("PRODUCT_DISCONTINUED");
  }

  @Test
  void place_mixedCurrencies_isACurrencyMismatch() {
    Product lamp = Fixtures.product(5, new Money("EUR", 1));
    Product bulb = Fixtures.product(5, new Money("USD", 1));

    assertThat(
            reason(
                place(
                    List.of(new RequestedLine(lamp.id(), 1), new RequestedLine(bulb.id(), 1)),
                    lamp,
                    bulb)))
        .isEqualTo("CURRENCY_MISMATCH");
  }

  @Test
  void place_unknownOrDeletedCustomer_isRefused() {
    Product lamp = Fixtures.product(5);
    List<RequestedLine> lines = List.of(new RequestedLine(lamp.id(), 1));
    User deleted = success(customer.delete(ExpectedVersion.any(), Fixtures.T0)).user();

    assertThat(
            reason(
                OrderPlacement.place(
                    orderId,
                    customer.id(),
                    Optional.empty(),
                    lines,
                    Map.of(lamp.id(), lamp),
                    Fixtures.T1)))
        .isEqualTo("CUSTOMER_NOT_FOUND");
    assertThat(
            reason(
                OrderPlacement.place(
                    orderId,
                    deleted.id(),
                    Optional.of(deleted),
                    lines,
                    Map.of(lamp.id(), lamp),
                    Fixtures.T1)))
        .isEqualTo("CUSTOMER_DELETED");
  }

  @Test
  void place_duplicateProducts_isAProgrammingError() {
    Product lamp = Fixtures.product(5);

    assertThatThrownBy(
            () ->
                place(
                    List.of(new RequestedLine(lamp.id(), 1), new RequestedLine(lamp.id(), 1)),
                    lamp))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Outcome<PlacedOrder> place(List<RequestedLine> lines, Product... products) {
    Map<UUID, Product> byId = new java.util.HashMap<>();
    for (Product product : products) {
      byId.put(product.id(), product);
    }
    return OrderPlacement.place(
        orderId, customer.id(), Optional.of(customer), lines, byId, Fixtures.T1);
  }
}
