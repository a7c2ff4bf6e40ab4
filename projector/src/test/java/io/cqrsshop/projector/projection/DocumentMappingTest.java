package io.cqrsshop.projector.projection;

import static io.cqrsshop.projector.testing.Events.CREATED;
import static io.cqrsshop.projector.testing.Events.newId;
import static io.cqrsshop.projector.testing.Events.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.proto.events.v1.EmailHistoryEntry;
import io.cqrsshop.proto.events.v1.OrderStatus;
import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.ProductStatus;
import io.cqrsshop.proto.events.v1.UserState;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.SalesDocument;
import io.cqrsshop.readmodel.UserDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentMappingTest {

  @Test
  void toDocument_activeProductInStock_isActiveAndAvailable() {
    String id = newId();

    ProductDocument document = ProductProjection.toDocument(Events.product(id, 2), 2);

    assertThat(document)
        .isEqualTo(
            new ProductDocument(
                id,
                "SKU-" + id.substring(0, 8),
                "Espresso cup v2",
                "A small cup",
                "Kitchen",
                1250,
                "EUR",
                20,
                ProductDocument.STATUS_ACTIVE,
                true,
                true,
                2,
                CREATED,
                CREATED.plusSeconds(2)));
  }

  @Test
  void toDocument_activeProductOutOfStock_isActiveButNotAvailable() {
    ProductState state = Events.product(newId(), 1).toBuilder().setStock(0).build();

    ProductDocument document = ProductProjection.toDocument(state, 1);

    assertThat(document.active()).isTrue();
    assertThat(document.available()).isFalse();
  }

  @Test
  void toDocument_discontinuedProductInStock_isNeitherActiveNorAvailable() {
    ProductState state =
        Events.product(newId(), 1).toBuilder()
            .setStatus(ProductStatus.PRODUCT_STATUS_DISCONTINUED)
            .build();

    ProductDocument document = ProductProjection.toDocument(state, 1);

    assertThat(document.status()).isEqualTo(ProductDocument.STATUS_DISCONTINUED);
    assertThat(document.active()).isFalse();
    assertThat(document.available()).isFalse();
  }

  @Test
  void toDocument_productWithoutTimes_leavesThemOut() {
    ProductState state =
        Events.product(newId(), 1).toBuilder().clearCreateTime().clearUpdateTime().build();

    ProductDocument document = ProductProjection.toDocument(state, 1);

    assertThat(document.createdAt()).isNull();
    assertThat(document.updatedAt()).isNull();
  }

  @Test
  void toDocument_deletedUser_staysAsTombstoneWithItsEmailHistory() {
    String id = newId();
    UserState state =
        Events.user(id, 3).toBuilder()
            .setEmail("new@example.com")
            .addEmailHistory(
                EmailHistoryEntry.newBuilder()
                    .setEmail("new@example.com")
                    .setChangeTime(timestamp(CREATED.plusSeconds(2))))
            .setDeleted(true)
            .build();

    UserDocument document = UserProjection.toDocument(state, 3);

    assertThat(document.userId()).isEqualTo(id);
    assertThat(document.deleted()).isTrue();
    assertThat(document.email()).isEqualTo("new@example.com");
    assertThat(document.version()).isEqualTo(3);
    assertThat(document.emailHistory())
        .containsExactly(
            new UserDocument.EmailHistoryEntry(
                "user-" + id.substring(0, 8) + "@example.com", CREATED),
            new UserDocument.EmailHistoryEntry("new@example.com", CREATED.plusSeconds(2)));
  }

  @Test
  void toOrderDocument_cancelledOrder_keepsLinesTotalsAndHistory() {
    String id = newId();

    OrderDocument document =
        OrderProjection.toOrderDocument(Events.order(id, OrderStatus.ORDER_STATUS_CANCELLED), 2);

    assertThat(document.orderId()).isEqualTo(id);
    assertThat(document.customerName()).isEqualTo("Ada");
    assertThat(document.currency()).isEqualTo("EUR");
    assertThat(document.totalMinor()).isEqualTo(2800);
    assertThat(document.status()).isEqualTo(OrderDocument.STATUS_CANCELLED);
    assertThat(document.version()).isEqualTo(2);
    assertThat(document.placedAt()).isEqualTo(CREATED);
    assertThat(document.updatedAt()).isEqualTo(CREATED.plusSeconds(60));
    assertThat(document.lines())
        .containsExactly(
            new OrderDocument.Line("11111111-0000-4000-8000-000000000001", "Cup", 2, 1250, 2500),
            new OrderDocument.Line("11111111-0000-4000-8000-000000000002", "Saucer", 1, 300, 300));
    assertThat(document.statusHistory())
        .containsExactly(
            new OrderDocument.StatusChange(OrderDocument.STATUS_PLACED, CREATED, ""),
            new OrderDocument.StatusChange(
                OrderDocument.STATUS_CANCELLED, CREATED.plusSeconds(60), "changed mind"));
  }

  @Test
  void toSalesDocument_placedOrShippedOrder_counts() {
    for (OrderStatus status :
        List.of(OrderStatus.ORDER_STATUS_PLACED, OrderStatus.ORDER_STATUS_SHIPPED)) {
      SalesDocument document = OrderProjection.toSalesDocument(Events.order(newId(), status), 1);

      assertThat(document.counted()).as(status.name()).isTrue();
    }
  }

  @Test
  void toSalesDocument_cancelledOrder_staysButDoesNotCount() {
    String id = newId();

    SalesDocument document =
        OrderProjection.toSalesDocument(Events.order(id, OrderStatus.ORDER_STATUS_CANCELLED), 3);

    assertThat(document)
        .isEqualTo(
            new SalesDocument(
                id,
                CREATED,
                OrderDocument.STATUS_CANCELLED,
                false,
                "EUR",
                2800,
                List.of(
                    new SalesDocument.Line("11111111-0000-4000-8000-000000000001", "Cup", 2, 2500),
                    new SalesDocument.Line(
                        "11111111-0000-4000-8000-000000000002", "Saucer", 1, 300)),
                3));
  }
}
