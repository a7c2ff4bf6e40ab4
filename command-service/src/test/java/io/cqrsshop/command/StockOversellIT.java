package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrent orders never take more units than a product has. */
class StockOversellIT {

  private static final int STOCK = 40;
  private static final int RACERS = 12;
  private static final int ORDERS_PER_RACER = 5;

  @RegisterExtension static final TestStack stack = new TestStack();

  private final CommandServiceBlockingStub client = stack.client();

  @Test
  void placeOrder_concurrentDemandAboveStock_neverOversells() {
    String lamp = client.createProduct(Requests.product(STOCK)).getProductId();
    String bulb = client.createProduct(Requests.product(STOCK)).getProductId();
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();

    // Each order takes 1-4 lamps and, half of the time, as many bulbs, listing the two products
    // in either order: overlapping lock sets in both orders would deadlock without sorted locks.
    List<Race.Attempt<List<long[]>>> attempts =
        Race.run(
            RACERS,
            racer -> {
              Random random = new Random(racer);
              List<long[]> sold = new ArrayList<>();
              for (int i = 0; i < ORDERS_PER_RACER; i++) {
                long units = 1 + random.nextInt(4);
                boolean withBulbs = random.nextBoolean();
                PlaceOrderRequest.Builder order =
                    PlaceOrderRequest.newBuilder()
                        .setRequestId(Requests.requestId())
                        .setCustomerId(customer);
                List<PlaceOrderLine> lines = new ArrayList<>();
                lines.add(line(lamp, units));
                if (withBulbs) {
                  lines.add(random.nextBoolean() ? lines.size() : 0, line(bulb, units));
                }
                order.addAllLines(lines);
                try {
                  client.placeOrder(order.build());
                  sold.add(new long[] {units, withBulbs ? units : 0});
                } catch (RuntimeException refused) {
                  GrpcErrorDetails details = GrpcErrorDetails.of(refused);
                  assertThat(details.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                  assertThat(details.reason()).isEqualTo("INSUFFICIENT_STOCK");
                }
              }
              return sold;
            });

    assertThat(attempts).allMatch(Race.Attempt::succeeded);
    long lampsSold = attempts.stream().flatMap(a -> a.value().stream()).mapToLong(s -> s[0]).sum();
    long bulbsSold = attempts.stream().flatMap(a -> a.value().stream()).mapToLong(s -> s[1]).sum();
    assertThat(lampsSold).isPositive().isLessThanOrEqualTo(STOCK);
    assertThat(bulbsSold).isLessThanOrEqualTo(STOCK);
    assertStock(lamp, STOCK - lampsSold);
    assertStock(bulb, STOCK - bulbsSold);
  }

  /** The table, the latest event and the sum of all stock events agree. */
  private static void assertStock(String product, long expected) {
    assertThat(stack.count("SELECT stock FROM products WHERE id = '" + product + "'"))
        .isEqualTo(expected);
    List<EventEnvelope> events =
        stack.eventPayloads(product).stream().map(StockOversellIT::envelope).toList();
    long created = events.getFirst().getProductCreated().getProduct().getStock();
    long deltas =
        events.stream()
            .filter(EventEnvelope::hasProductStockAdjusted)
            .mapToLong(e -> e.getProductStockAdjusted().getDelta())
            .sum();
    assertThat(created + deltas).isEqualTo(expected);
    assertThat(events.getLast().getProductStockAdjusted().getProduct().getStock())
        .isEqualTo(expected);
  }

  private static EventEnvelope envelope(byte[] payload) {
    try {
      return EventEnvelope.parseFrom(payload);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("unreadable event payload", e);
    }
  }

  private static PlaceOrderLine line(String product, long quantity) {
    return PlaceOrderLine.newBuilder().setProductId(product).setQuantity(quantity).build();
  }
}
