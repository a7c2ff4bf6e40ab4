package io.cqrsshop.projector;

import static io.cqrsshop.projector.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.projector.testing.Probes;
import io.cqrsshop.projector.testing.ProjectorStack;
import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.OrderStatus;
import io.cqrsshop.proto.events.v1.ProductDiscontinued;
import io.cqrsshop.proto.events.v1.ProductStatus;
import io.cqrsshop.proto.events.v1.UserDeleted;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.SalesDocument;
import io.cqrsshop.readmodel.UserDocument;
import io.nats.client.api.ConsumerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One projector against a real nats-server and Elasticsearch. */
class ProjectionIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private EventStream stream;
  private ProjectorApplication projector;

  @BeforeEach
  void startProjector() {
    stream = stack.stream();
    projector = stack.start(stack.config());
    stack.readModels.awaitServing();
  }

  @Test
  void events_ofEveryAggregate_becomeTheirDocuments() {
    String productId = newId();
    String userId = newId();
    String orderId = newId();
    stream.publish(Events.productEvent(productId, 1));
    stream.publish(Events.productEvent(productId, 2));
    stream.publish(
        Events.envelope(AggregateType.AGGREGATE_TYPE_PRODUCT, productId, 3)
            .setProductDiscontinued(
                ProductDiscontinued.newBuilder()
                    .setProduct(
                        Events.product(productId, 3).toBuilder()
                            .setStatus(ProductStatus.PRODUCT_STATUS_DISCONTINUED)))
            .build());
    stream.publish(Events.userEvent(userId, 1));
    stream.publish(
        Events.envelope(AggregateType.AGGREGATE_TYPE_USER, userId, 2)
            .setUserDeleted(
                UserDeleted.newBuilder()
                    .setUser(Events.user(userId, 2).toBuilder().setDeleted(true)))
            .build());
    stream.publish(Events.orderEvent(orderId, 1, OrderStatus.ORDER_STATUS_PLACED));
    stream.publish(Events.orderEvent(orderId, 2, OrderStatus.ORDER_STATUS_CANCELLED));

    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertSettled(7));

    ProductDocument product =
        stack.readModels.get(ReadModel.PRODUCTS, productId, ProductDocument.class).orElseThrow();
    assertThat(product.version()).isEqualTo(3);
    assertThat(product.name()).isEqualTo("Espresso cup v3");
    assertThat(product.stock()).isEqualTo(30);
    assertThat(product.priceMinor()).isEqualTo(1250);
    assertThat(product.currency()).isEqualTo("EUR");
    assertThat(product.status()).isEqualTo(ProductDocument.STATUS_DISCONTINUED);
    assertThat(product.active()).isFalse();
    assertThat(product.available()).isFalse();
    assertThat(product.createdAt()).isEqualTo(Events.CREATED);

    UserDocument user =
        stack.readModels.get(ReadModel.USERS, userId, UserDocument.class).orElseThrow();
    assertThat(user.version()).isEqualTo(2);
    assertThat(user.deleted()).isTrue();
    assertThat(user.name()).isEqualTo("User v2");
    assertThat(user.emailHistory()).hasSize(1);

    OrderDocument order =
        stack.readModels.get(ReadModel.ORDERS, orderId, OrderDocument.class).orElseThrow();
    assertThat(order.version()).isEqualTo(2);
    assertThat(order.status()).isEqualTo(OrderDocument.STATUS_CANCELLED);
    assertThat(order.totalMinor()).isEqualTo(2800);
    assertThat(order.lines()).hasSize(2);
    assertThat(order.statusHistory()).hasSize(2);

    SalesDocument sales =
        stack.readModels.get(ReadModel.SALES, orderId, SalesDocument.class).orElseThrow();
    assertThat(sales.version()).isEqualTo(2);
    assertThat(sales.counted()).isFalse();
    assertThat(sales.lines())
        .extracting(SalesDocument.Line::revenueMinor)
        .containsExactly(2500L, 300L);
    // Once per index each event feeds: 3 product events (catalog and history), 2 user events
    // (users and history), 2 order events (orders, sales and history).
    assertThat(Probes.metric(projector.metricsPort(), "projector_events_applied_total"))
        .isEqualTo(3 * 2 + 2 * 2 + 2 * 3);
  }

  @Test
  void events_duplicatedAndOutOfOrder_leaveTheHighestVersion() {
    String productId = newId();
    String orderId = newId();
    EventEnvelope v3 = Events.productEvent(productId, 3);
    EventEnvelope v2 = Events.productEvent(productId, 2);
    stream.publish(v3);
    stream.publish(v2);
    // The same event again under another message id: JetStream cannot drop it, versions must.
    stream.publish(v2.toBuilder().setEventId(newId()).build());
    stream.publish(Events.productEvent(productId, 1));
    // The same message id again: JetStream drops it.
    stream.publish(v3);
    stream.publish(Events.orderEvent(orderId, 2, OrderStatus.ORDER_STATUS_SHIPPED));
    stream.publish(Events.orderEvent(orderId, 1, OrderStatus.ORDER_STATUS_PLACED));

    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertSettled(6));

    ProductDocument product =
        stack.readModels.get(ReadModel.PRODUCTS, productId, ProductDocument.class).orElseThrow();
    assertThat(product.version()).isEqualTo(3);
    assertThat(product.stock()).isEqualTo(30);
    assertThat(stack.readModels.get(ReadModel.ORDERS, orderId, OrderDocument.class))
        .get()
        .satisfies(order -> assertThat(order.status()).isEqualTo(OrderDocument.STATUS_SHIPPED));
    assertThat(stack.readModels.get(ReadModel.SALES, orderId, SalesDocument.class))
        .get()
        .satisfies(sales -> assertThat(sales.version()).isEqualTo(2));
    assertThat(Probes.metric(projector.metricsPort(), "projector_documents_stale_total"))
        .isEqualTo(5);
  }

  @Test
  void poisonMessages_areParkedWithoutBlockingTheOthers() throws Exception {
    String before = newId();
    String after = newId();
    stream.publish(Events.productEvent(before, 1));
    stream.publish(
        EventStream.PREFIX + ".product.garbage",
        newId(),
        "definitely not protobuf".getBytes(StandardCharsets.UTF_8));
    stream.publish(EventStream.PREFIX + ".product.empty", newId(), new byte[0]);
    stream.publish(Events.productEvent(after, 1));

    await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertSettled(4));

    assertThat(stack.readModels.get(ReadModel.PRODUCTS, before, ProductDocument.class)).isPresent();
    assertThat(stack.readModels.get(ReadModel.PRODUCTS, after, ProductDocument.class)).isPresent();
    var parked =
        new io.cqrsshop.projector.infrastructure.ElasticsearchParkedEvents(
            stack.readModels.client(), stack.readModels.names());
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        parked.list(
                            java.util.Optional.empty(),
                            io.cqrsshop.projector.application.ParkedEvents.Cursor.START,
                            10))
                    .extracting(io.cqrsshop.projector.application.ParkedEvent::reason)
                    .containsExactlyInAnyOrder(
                        io.cqrsshop.projector.application.ParkReason.UNDECODABLE,
                        io.cqrsshop.projector.application.ParkReason.INVALID_EVENT));
    for (ReadModel model : ReadModel.values()) {
      assertThat(stack.consumer(model).getRedelivered()).as(model.baseName()).isZero();
    }
  }

  /** Every published message was delivered and answered, none waits for redelivery. */
  private void assertSettled(long delivered) {
    // The history shows every event, so its consumer is delivered the whole stream.
    ConsumerInfo history = stack.consumer(ReadModel.HISTORY);
    assertThat(history.getDelivered().getStreamSequence()).isEqualTo(delivered);
    assertThat(stack.settled()).isTrue();
  }
}
