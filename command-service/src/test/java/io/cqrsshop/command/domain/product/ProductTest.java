package io.cqrsshop.command.domain.product;

import static io.cqrsshop.command.domain.Outcomes.reason;
import static io.cqrsshop.command.domain.Outcomes.rejection;
import static io.cqrsshop.command.domain.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Fixtures;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductTest {

  private static final Instant NOW = Fixtures.T1;

  @Test
  void create_anyProduct_startsActiveAtVersionOne() {
    Product product = Fixtures.product(5);

    assertThat(product.version()).isEqualTo(1);
    assertThat(product.status()).isEqualTo(ProductStatus.ACTIVE);
    assertThat(product.createTime()).isEqualTo(product.updateTime());
  }

  @Test
  void adjustStock_belowZero_isRefusedWithInsufficientStock() {
    Product product = Fixtures.product(3);

    Outcome<ProductEvent.StockAdjusted> outcome =
        product.adjustStock(ExpectedVersion.any(), -4, "count", NOW);

    assertThat(rejection(outcome))
        .isInstanceOfSatisfying(
            Rejection.RuleViolation.class,
            r -> {
              assertThat(r.reason()).isEqualTo("INSUFFICIENT_STOCK");
              assertThat(r.metadata())
                  .containsEntry("requested", "4")
                  .containsEntry("available", "3");
            });
  }

  @Test
  void adjustStock_downToZero_bumpsVersionAndKeepsReason() {
    Product product = Fixtures.product(3);

    ProductEvent.StockAdjusted event =
        success(product.adjustStock(ExpectedVersion.of(1), -3, "write-off", NOW));

    assertThat(event.product().stock()).isZero();
    assertThat(event.product().version()).isEqualTo(2);
    assertThat(event.product().updateTime()).isEqualTo(NOW);
    assertThat(event.cause()).isEqualTo(StockChangeCause.ADJUSTMENT);
    assertThat(event.reason()).isEqualTo("write-off");
  }

  @Test
  void adjustStock_discontinuedProduct_isStillAllowed() {
    Product discontinued =
        success(Fixtures.product(3).discontinue(ExpectedVersion.any(), NOW)).product();

    assertThat(
            success(discontinued.adjustStock(ExpectedVersion.any(), -3, "", NOW)).product().stock())
        .isZero();
  }

  @Test
  void changePrice_wrongExpectedVersion_isAVersionConflict() {
    Product product = Fixtures.product(3);

    Outcome<ProductEvent.PriceChanged> outcome =
        product.changePrice(ExpectedVersion.of(7), new Money("EUR", 5), NOW);

    assertThat(rejection(outcome))
        .isEqualTo(new Rejection.VersionConflict("product " + product.id(), 7, 1));
  }

  @Test
  void changePrice_activeProduct_recordsOldAndNewPrice() {
    Product product = Fixtures.product(3);

    ProductEvent.PriceChanged event =
        success(product.changePrice(ExpectedVersion.any(), new Money("EUR", 5), NOW));

    assertThat(event.oldPrice()).isEqualTo(new Money("EUR", 1000));
    assertThat(event.newPrice()).isEqualTo(new Money("EUR", 5));
    assertThat(event.product().price()).isEqualTo(new Money("EUR", 5));
  }

  @Test
  void discontinue_twice_isRefusedAsDiscontinued() {
    Product discontinued =
        success(Fixtures.product(1).discontinue(ExpectedVersion.any(), NOW)).product();

    assertThat(reason(discontinued.discontinue(ExpectedVersion.any(), NOW)))
        .isEqualTo("PRODUCT_DISCONTINUED");
    assertThat(reason(discontinued.changePrice(ExpectedVersion.any(), new Money("EUR", 1), NOW)))
        .isEqualTo("PRODUCT_DISCONTINUED");
    assertThat(
            reason(
                discontinued.updateDetails(
                    ExpectedVersion.any(),
                    new DetailsUpdate(Optional.of("x"), Optional.empty(), Optional.empty()),
                    NOW)))
        .isEqualTo("PRODUCT_DISCONTINUED");
  }

  @Test
  void reactivate_discontinuedProduct_isActiveAgainAsItWas() {
    Product product = Fixtures.product(4, new Money("EUR", 1500));
    Product discontinued = success(product.discontinue(ExpectedVersion.any(), NOW)).product();
    Instant later = NOW.plusSeconds(60);

    ProductEvent.Reactivated reactivated =
        success(discontinued.reactivate(ExpectedVersion.of(2), later));

    Product active = reactivated.product();
    assertThat(active.status()).isEqualTo(ProductStatus.ACTIVE);
    assertThat(active.version()).isEqualTo(3);
    assertThat(active.updateTime()).isEqualTo(later);
    assertThat(active.details()).isEqualTo(product.details());
    assertThat(active.price()).isEqualTo(product.price());
    assertThat(active.stock()).isEqualTo(4);
    assertThat(active.canSupply(4)).isTrue();
    assertThat(reactivated.name()).isEqualTo("reactivated");
  }

  @Test
  void reactivate_activeProduct_isRefused() {
    Product product = Fixtures.product(1);

    assertThat(reason(product.reactivate(ExpectedVersion.any(), NOW)))
        .isEqualTo("PRODUCT_ALREADY_ACTIVE");
    Product discontinued = success(product.discontinue(ExpectedVersion.any(), NOW)).product();
    assertThat(reason(discontinued.reactivate(ExpectedVersion.of(1), NOW)))
        .isEqualTo("VERSION_CONFLICT");
  }

  @Test
  void updateDetails_maskedFields_changeOnlyThoseAndListTheChangedOnes() {
    Product product = Fixtures.product(1);

    ProductEvent.DetailsUpdated event =
        success(
            product.updateDetails(
                ExpectedVersion.any(),
                new DetailsUpdate(Optional.of("Lamp"), Optional.empty(), Optional.of("desks")),
                NOW));

    assertThat(event.changedFields()).containsExactly("category");
    assertThat(event.product().details())
        .isEqualTo(new ProductDetails("Lamp", "A desk lamp", "desks"));
  }

  @Test
  void takeForOrderAndReturn_roundTrip_restoresStockEvenWhenDiscontinued() {
    UUID order = UUID.randomUUID();
    Product product = Fixtures.product(4);
    Product taken = product.takeForOrder(order, 3, NOW).product();
    Product discontinued = success(taken.discontinue(ExpectedVersion.any(), NOW)).product();

    ProductEvent.StockAdjusted returned = discontinued.returnFromOrder(order, 3, NOW);

    assertThat(returned.product().stock()).isEqualTo(4);
    assertThat(returned.cause()).isEqualTo(StockChangeCause.ORDER_CANCELLED);
    assertThat(returned.orderId()).contains(order);
    assertThat(returned.product().version()).isEqualTo(4);
  }

  @Test
  void canSupply_discontinuedOrShort_isFalse() {
    Product product = Fixtures.product(2);

    assertThat(product.canSupply(2)).isTrue();
    assertThat(product.canSupply(3)).isFalse();
    assertThat(success(product.discontinue(ExpectedVersion.any(), NOW)).product().canSupply(1))
        .isFalse();
  }
}
