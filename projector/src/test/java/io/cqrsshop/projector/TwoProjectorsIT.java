package io.cqrsshop.projector;

import static io.cqrsshop.projector.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.projector.testing.Probes;
import io.cqrsshop.projector.testing.ProjectorStack;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.OrderStatus;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.SalesDocument;
import io.cqrsshop.readmodel.UserDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two projector replicas share one durable consumer and split the stream between them. */
class TwoProjectorsIT {

  private static final int AGGREGATES_PER_TYPE = 20;
  private static final int VERSIONS = 4;

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private EventStream stream;

  @BeforeEach
  void startTwoProjectors() {
    stream = stack.stream();
    for (int i = 0; i < 2; i++) {
      // Small batches so that both replicas get a share of a small stream.
      stack.start(stack.config(Map.of("PROJECTOR_BATCH_SIZE", "10")));
    }
    stack.readModels.awaitServing();
  }

  @Test
  void twoReplicas_manyVersionsOfManyAggregates_endAtEachLatestVersion() {
    // Both replicas must be pulling before the events come, or the first could take them all.
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(
            () ->
                java.util.Arrays.stream(ReadModel.values())
                    .allMatch(model -> stack.consumer(model).getNumWaiting() >= 2));
    List<String> products = ids();
    List<String> users = ids();
    List<String> orders = ids();
    List<EventEnvelope> events = new ArrayList<>();
    for (int version = 1; version <= VERSIONS; version++) {
      List<EventEnvelope> round = new ArrayList<>();
      for (int i = 0; i < AGGREGATES_PER_TYPE; i++) {
        round.add(Events.productEvent(products.get(i), version));
        round.add(Events.userEvent(users.get(i), version));
        round.add(Events.orderEvent(orders.get(i), version, orderStatus(version)));
      }
      // Within a round the order is arbitrary, as it is between independent aggregates.
      Collections.shuffle(round, new Random(version));
      events.addAll(round);
    }
    events.forEach(stream::publish);

    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(stack::settled);

    for (ReadModel model : ReadModel.values()) {
      long expected = model.keyedByAggregate() ? AGGREGATES_PER_TYPE : events.size();
      assertThat(stack.readModels.count(model)).as(model.baseName()).isEqualTo(expected);
    }
    for (int i = 0; i < AGGREGATES_PER_TYPE; i++) {
      assertThat(stack.readModels.get(ReadModel.PRODUCTS, products.get(i), ProductDocument.class))
          .get()
          .satisfies(
              product -> {
                assertThat(product.version()).isEqualTo(VERSIONS);
                assertThat(product.stock()).isEqualTo(10L * VERSIONS);
              });
      assertThat(stack.readModels.get(ReadModel.USERS, users.get(i), UserDocument.class))
          .get()
          .satisfies(user -> assertThat(user.name()).isEqualTo("User v" + VERSIONS));
      assertThat(stack.readModels.get(ReadModel.ORDERS, orders.get(i), OrderDocument.class))
          .get()
          .satisfies(
              order -> {
                assertThat(order.version()).isEqualTo(VERSIONS);
                assertThat(order.status()).isEqualTo(OrderDocument.STATUS_CANCELLED);
              });
      assertThat(stack.readModels.get(ReadModel.SALES, orders.get(i), SalesDocument.class))
          .get()
          .satisfies(sales -> assertThat(sales.counted()).isFalse());
    }
    double first =
        Probes.metric(stack.projectors.get(0).metricsPort(), "projector_events_applied_total");
    double second =
        Probes.metric(stack.projectors.get(1).metricsPort(), "projector_events_applied_total");
    // Each event is applied once to each read model it feeds: products, users and orders once,
    // sales by orders, and history by all of them.
    long perIndex =
        java.util.Arrays.stream(ReadModel.values())
            .mapToLong(model -> (long) model.sources().size() * AGGREGATES_PER_TYPE * VERSIONS)
            .sum();
    assertThat(first + second).isEqualTo(perIndex);
    assertThat(first).as("events applied by the first replica").isPositive();
    assertThat(second).as("events applied by the second replica").isPositive();
  }

  /** Placed, shipped, shipped again (a redundant update), then cancelled as the last word. */
  private static OrderStatus orderStatus(int version) {
    return switch (version) {
      case 1 -> OrderStatus.ORDER_STATUS_PLACED;
      case VERSIONS -> OrderStatus.ORDER_STATUS_CANCELLED;
      default -> OrderStatus.ORDER_STATUS_SHIPPED;
    };
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < AGGREGATES_PER_TYPE; i++) {
      ids.add(newId());
    }
    return ids;
  }
}
