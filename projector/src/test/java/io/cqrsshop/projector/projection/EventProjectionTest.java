package io.cqrsshop.projector.projection;

import static io.cqrsshop.projector.testing.Events.envelope;
import static io.cqrsshop.projector.testing.Events.eur;
import static io.cqrsshop.projector.testing.Events.newId;
import static io.cqrsshop.projector.testing.Events.order;
import static io.cqrsshop.projector.testing.Events.product;
import static io.cqrsshop.projector.testing.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.OrderStatus;
import io.cqrsshop.proto.events.v1.ProductDetailsUpdated;
import io.cqrsshop.proto.events.v1.ProductDiscontinued;
import io.cqrsshop.proto.events.v1.ProductPriceChanged;
import io.cqrsshop.proto.events.v1.ProductReactivated;
import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.ProductStatus;
import io.cqrsshop.proto.events.v1.UserCreated;
import io.cqrsshop.proto.events.v1.UserDeleted;
import io.cqrsshop.proto.events.v1.UserEmailChanged;
import io.cqrsshop.proto.events.v1.UserRenamed;
import io.cqrsshop.readmodel.HistoryDocument;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.SalesDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventProjectionTest {

  @Test
  void project_productCreated_writesProductDocumentAtItsVersion() {
    String id = newId();

    List<DocumentWrite> writes = written(Events.productEvent(id, 1));

    assertThat(writes)
        .singleElement()
        .satisfies(
            write -> {
              assertThat(write.model()).isEqualTo(ReadModel.PRODUCTS);
              assertThat(write.id()).isEqualTo(id);
              assertThat(write.version()).isEqualTo(1);
              assertThat(write.document()).isInstanceOf(ProductDocument.class);
            });
  }

  @Test
  void project_everyProductEvent_writesTheStateItCarries() {
    String id = newId();
    ProductState state = product(id, 4);
    List<EventEnvelope> events =
        List.of(
            Events.productEvent(id, 4),
            envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, id, 4)
                .setProductDetailsUpdated(
                    ProductDetailsUpdated.newBuilder().addChangedFields("name").setProduct(state))
                .build(),
            envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, id, 4)
                .setProductPriceChanged(
                    ProductPriceChanged.newBuilder()
                        .setOldPrice(eur(1000))
                        .setNewPrice(eur(1250))
                        .setProduct(state))
                .build(),
            envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, id, 4)
                .setProductDiscontinued(ProductDiscontinued.newBuilder().setProduct(state))
                .build(),
            envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, id, 4)
                .setProductReactivated(ProductReactivated.newBuilder().setProduct(state))
                .build());

    for (EventEnvelope event : events) {
      assertThat(written(event))
          .as(event.getEventCase().name())
          .singleElement()
          .extracting(DocumentWrite::document)
          .isEqualTo(ProductProjection.toDocument(state, 4));
    }
  }

  @Test
  void project_everyUserEvent_writesTheStateItCarries() {
    String id = newId();
    var state = user(id, 3);
    List<EventEnvelope> events =
        List.of(
            envelope(AggregateType.AGGREGATE_TYPE_USER, id, 3)
                .setUserCreated(UserCreated.newBuilder().setUser(state))
                .build(),
            envelope(AggregateType.AGGREGATE_TYPE_USER, id, 3)
                .setUserRenamed(UserRenamed.newBuilder().setUser(state))
                .build(),
            envelope(AggregateType.AGGREGATE_TYPE_USER, id, 3)
                .setUserEmailChanged(UserEmailChanged.newBuilder().setUser(state))
                .build(),
            envelope(AggregateType.AGGREGATE_TYPE_USER, id, 3)
                .setUserDeleted(
                    UserDeleted.newBuilder().setUser(state.toBuilder().setDeleted(true)))
                .build());

    for (EventEnvelope event : events) {
      assertThat(written(event))
          .as(event.getEventCase().name())
          .singleElement()
          .satisfies(
              write -> {
                assertThat(write.model()).isEqualTo(ReadModel.USERS);
                assertThat(write.id()).isEqualTo(id);
                assertThat(write.version()).isEqualTo(3);
              });
    }
    assertThat(written(events.get(3)).getFirst().document())
        .isEqualTo(UserProjection.toDocument(state.toBuilder().setDeleted(true).build(), 3));
  }

  @Test
  void project_everyOrderEvent_writesOrderAndSalesDocuments() {
    String id = newId();
    for (OrderStatus status :
        List.of(
            OrderStatus.ORDER_STATUS_PLACED,
            OrderStatus.ORDER_STATUS_SHIPPED,
            OrderStatus.ORDER_STATUS_CANCELLED)) {
      List<DocumentWrite> writes = written(Events.orderEvent(id, 2, status));

      assertThat(writes)
          .extracting(DocumentWrite::model)
          .containsExactly(ReadModel.ORDERS, ReadModel.SALES);
      assertThat(writes).allSatisfy(write -> assertThat(write.id()).isEqualTo(id));
      assertThat(writes).allSatisfy(write -> assertThat(write.version()).isEqualTo(2));
      assertThat(writes.get(0).document()).isInstanceOf(OrderDocument.class);
      assertThat(writes.get(1).document()).isInstanceOf(SalesDocument.class);
    }
  }

  @Test
  void project_noEvent_isInvalid() {
    EventEnvelope event = envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, newId(), 1).build();

    assertThat(violatedFields(event)).containsExactly("event");
  }

  @Test
  void project_malformedEnvelope_namesEveryBadField() {
    EventEnvelope event =
        envelope(AggregateType.AGGREGATE_TYPE_USER, "not-a-uuid", 0)
            .setProductCreated(
                io.cqrsshop.proto.events.v1.ProductCreated.newBuilder()
                    .setProduct(
                        product(newId(), 1).toBuilder()
                            .setStatus(ProductStatus.PRODUCT_STATUS_UNSPECIFIED)))
            .build();

    assertThat(violatedFields(event))
        .containsExactlyInAnyOrder(
            "aggregate_id",
            "aggregate_version",
            "aggregate_type",
            "product_created.product.product_id",
            "product_created.product.status");
  }

  @Test
  void project_orderWithUnknownStatusInHistory_isInvalid() {
    String id = newId();
    var state =
        order(id, OrderStatus.ORDER_STATUS_PLACED).toBuilder()
            .addStatusHistory(
                io.cqrsshop.proto.events.v1.OrderStatusEntry.newBuilder().setStatusValue(42))
            .build();
    EventEnvelope event =
        envelope(AggregateType.AGGREGATE_TYPE_ORDER, id, 2)
            .setOrderPlaced(io.cqrsshop.proto.events.v1.OrderPlaced.newBuilder().setOrder(state))
            .build();

    assertThat(violatedFields(event))
        .containsExactly("order_placed.order.status_history[1].status");
  }

  @Test
  void project_everyEvent_alsoWritesItsHistoryEntry() {
    String id = newId();
    EventEnvelope event =
        envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, id, 4)
            .setProductPriceChanged(
                ProductPriceChanged.newBuilder()
                    .setOldPrice(eur(1200))
                    .setNewPrice(eur(1150))
                    .setProduct(product(id, 4)))
            .build();

    Projected projected = PROJECTION.project(event);

    assertThat(projected).isInstanceOf(Projected.Documents.class);
    DocumentWrite history =
        ((Projected.Documents) projected)
            .writes().stream()
                .filter(write -> write.model() == ReadModel.HISTORY)
                .findFirst()
                .orElseThrow();
    assertThat(history.id()).isEqualTo(event.getEventId());
    assertThat(history.version()).isEqualTo(4);
    HistoryDocument document = (HistoryDocument) history.document();
    assertThat(document.eventType()).isEqualTo("ProductPriceChanged");
    assertThat(document.aggregateType()).isEqualTo("product");
    assertThat(document.changes())
        .containsExactly(new HistoryDocument.Change("price", "12.00 EUR", "11.50 EUR"));
  }

  @Test
  void project_productReactivated_historySaysItIsActiveAgain() {
    String id = newId();
    EventEnvelope event =
        envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, id, 3)
            .setProductReactivated(ProductReactivated.newBuilder().setProduct(product(id, 3)))
            .build();

    HistoryDocument document =
        (HistoryDocument)
            ((Projected.Documents) PROJECTION.project(event))
                .writes().stream()
                    .filter(write -> write.model() == ReadModel.HISTORY)
                    .findFirst()
                    .orElseThrow()
                    .document();

    assertThat(document.eventType()).isEqualTo("ProductReactivated");
    assertThat(document.changes())
        .containsExactly(new HistoryDocument.Change("status", "DISCONTINUED", "ACTIVE"));
  }

  @Test
  void project_kindThisBuildDoesNotKnow_isUnknownNotInvalid() {
    EventEnvelope renamed =
        envelope(AggregateType.AGGREGATE_TYPE_USER, newId(), 2)
            .setUserRenamed(UserRenamed.newBuilder().setUser(user(newId(), 2)))
            .build();

    Projected projected =
        EventProjection.standard().without(EventEnvelope.EventCase.USER_RENAMED).project(renamed);

    assertThat(projected).isEqualTo(new Projected.UnknownKind("user_renamed"));
  }

  @Test
  void project_kindFromANewerContract_isUnknownNotInvalid() throws Exception {
    EventEnvelope base = envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, newId(), 1).build();
    // Field 99 stands for a kind of event a newer command-service publishes.
    byte[] newer =
        base.toBuilder()
            .setUnknownFields(
                com.google.protobuf.UnknownFieldSet.newBuilder()
                    .addField(
                        99,
                        com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("x"))
                            .build())
                    .build())
            .build()
            .toByteArray();

    Projected projected = PROJECTION.project(EventEnvelope.parseFrom(newer));

    assertThat(projected).isEqualTo(new Projected.UnknownKind("field 99 of EventEnvelope"));
  }

  private static final EventProjection PROJECTION = EventProjection.standard();

  /** The documents of the state read models (the history entry is tested on its own). */
  private static List<DocumentWrite> written(EventEnvelope event) {
    Projected projected = PROJECTION.project(event);
    assertThat(projected).isInstanceOf(Projected.Documents.class);
    return ((Projected.Documents) projected)
        .writes().stream().filter(write -> write.model() != ReadModel.HISTORY).toList();
  }

  private static List<String> violatedFields(EventEnvelope event) {
    Projected projected = PROJECTION.project(event);
    assertThat(projected).isInstanceOf(Projected.Invalid.class);
    return java.util.Arrays.stream(((Projected.Invalid) projected).reason().split("; "))
        .map(violation -> violation.split(" ")[0])
        .toList();
  }
}
