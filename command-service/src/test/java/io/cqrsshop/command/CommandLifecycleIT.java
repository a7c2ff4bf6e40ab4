package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.command.EventStreamReader.StoredEvent;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.ProductStatus;
import io.cqrsshop.proto.v1.CancelOrderRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.proto.v1.ReactivateProductRequest;
import io.cqrsshop.proto.v1.ReactivateProductResponse;
import io.cqrsshop.proto.v1.ShipOrderRequest;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.ConsistencyToken;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CommandLifecycleIT {

  @RegisterExtension static final TestStack stack = new TestStack();

  private final CommandServiceApplication app = stack.app();
  private final CommandServiceBlockingStub client = stack.client();

  @Test
  void placeOrder_existingCustomerAndStock_takesStockAndPublishesEveryEvent() {
    CreateProductResponse product = client.createProduct(Requests.product(10));
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();

    PlaceOrderResponse placed =
        client.placeOrder(Requests.order(customer, product.getProductId(), 3));

    assertThat(placed.getVersion()).isEqualTo(1);
    assertThat(placed.getTotal()).isEqualTo(Requests.eur(3 * 1250));
    assertThat(ConsistencyToken.decode(placed.getConsistencyToken()).orElseThrow().writes())
        .extracting(write -> write.type(), write -> write.version())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AggregateType.ORDER, 1L),
            org.assertj.core.groups.Tuple.tuple(AggregateType.PRODUCT, 2L));
    Set<String> ours = Set.of(product.getProductId(), customer, placed.getOrderId());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(eventsOf(ours))
                    .extracting(StoredEvent::subject)
                    .containsExactly(
                        "shop.events.product.created",
                        "shop.events.user.created",
                        "shop.events.product.stock_adjusted",
                        "shop.events.order.placed"));
    List<StoredEvent> events = eventsOf(ours);
    EventEnvelope stockTaken = events.get(2).envelope();
    assertThat(stockTaken.getProductStockAdjusted().getDelta()).isEqualTo(-3);
    assertThat(stockTaken.getProductStockAdjusted().getProduct().getStock()).isEqualTo(7);
    assertThat(events.get(3).envelope().getOrderPlaced().getOrder().getLines(0).getProductName())
        .startsWith("Product SKU-");
    assertThat(events)
        .allSatisfy(e -> assertThat(e.messageId()).isEqualTo(e.envelope().getEventId()));
  }

  @Test
  void reactivateProduct_discontinued_sellsAgainAndPublishesTheEvent() {
    String product = client.createProduct(Requests.product(4)).getProductId();
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();
    client.discontinueProduct(Requests.discontinue(product));

    ReactivateProductResponse reactivated =
        client.reactivateProduct(
            ReactivateProductRequest.newBuilder()
                .setRequestId(Requests.requestId())
                .setProductId(product)
                .setExpectedVersion(2)
                .build());

    assertThat(reactivated.getVersion()).isEqualTo(3);
    assertThat(ConsistencyToken.decode(reactivated.getConsistencyToken())).isPresent();
    assertThat(client.placeOrder(Requests.order(customer, product, 4)).getVersion()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(eventsOf(Set.of(product)))
                    .extracting(StoredEvent::subject)
                    .containsExactly(
                        "shop.events.product.created",
                        "shop.events.product.discontinued",
                        "shop.events.product.reactivated",
                        "shop.events.product.stock_adjusted"));
    EventEnvelope event = eventsOf(Set.of(product)).get(2).envelope();
    assertThat(event.getProductReactivated().getProduct().getStatus())
        .isEqualTo(ProductStatus.PRODUCT_STATUS_ACTIVE);
    assertThat(event.getProductReactivated().getProduct().getStock()).isEqualTo(4);
  }

  @Test
  void metrics_afterPublishing_showRelayAndPoolMeters() {
    client.createProduct(Requests.product(1));
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(10));

    assertThat(
            MetricsScrape.value(app.metricsPort(), "relay_publish_latency_seconds_count")
                .orElseThrow())
        .isPositive();
    assertThat(MetricsScrape.value(app.metricsPort(), "relay_leader")).hasValue(1);
    assertThat(MetricsScrape.value(app.metricsPort(), "hikaricp_connections_max")).hasValue(8);
    assertThat(
            MetricsScrape.value(app.metricsPort(), "grpc_server_processing_duration_seconds_count"))
        .isPresent();
  }

  private static List<StoredEvent> eventsOf(Set<String> aggregateIds) {
    return stack.stream().all().stream()
        .filter(event -> aggregateIds.contains(event.envelope().getAggregateId()))
        .toList();
  }

  @Test
  void cancelOrder_placedOrder_returnsStockAndRejectsShipping() {
    String product = client.createProduct(Requests.product(5)).getProductId();
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();
    String order = client.placeOrder(Requests.order(customer, product, 5)).getOrderId();

    var cancelled =
        client.cancelOrder(
            CancelOrderRequest.newBuilder()
                .setRequestId(Requests.requestId())
                .setOrderId(order)
                .setReason("changed my mind")
                .build());

    assertThat(cancelled.getVersion()).isEqualTo(2);
    assertThat(ConsistencyToken.decode(cancelled.getConsistencyToken()).orElseThrow().writes())
        .hasSize(2);
    var shipping =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                client.shipOrder(
                    ShipOrderRequest.newBuilder()
                        .setRequestId(Requests.requestId())
                        .setOrderId(order)
                        .build()));
    assertThat(GrpcErrorDetails.of(shipping).reason()).isEqualTo("ORDER_ALREADY_CANCELLED");
  }
}
