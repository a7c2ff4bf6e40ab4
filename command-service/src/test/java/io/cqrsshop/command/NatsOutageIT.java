package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Commands only need PostgreSQL: NATS being down delays publication, nothing else. */
class NatsOutageIT {

  @RegisterExtension final TestStack stack = new TestStack();

  @Test
  void commands_natsStoppedAndRestarted_succeedAndBacklogIsPublished() {
    CommandServiceApplication app = stack.startApp();
    CommandServiceBlockingStub client = stack.client(app);
    String product = client.createProduct(Requests.product(0)).getProductId();
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(10));

    stack.nats.stop();
    for (int i = 1; i <= 5; i++) {
      assertThat(client.adjustProductStock(Requests.adjustStock(product, 1)).getStock())
          .isEqualTo(i);
    }
    assertThat(stack.count("SELECT count(*) FROM events WHERE published_at IS NULL")).isEqualTo(5);
    await("the backlog gauge shows the waiting events")
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                MetricsScrape.value(app.metricsPort(), "relay_backlog_events")
                    .equals(OptionalDouble.of(5)));
    stack.nats.restart();

    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(30));
    PublishedEvents.assertExactlyOnceInVersionOrder(stack);
    assertThat(stack.stream().count()).isEqualTo(6);
  }

  @Test
  void start_natsDown_acceptsCommandsAndPublishesOnceNatsIsUp() {
    stack.nats.stop();

    CommandServiceBlockingStub client = stack.client(stack.startApp());
    String product = client.createProduct(Requests.product(0)).getProductId();
    client.adjustProductStock(Requests.adjustStock(product, 1));
    stack.nats.restart();

    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(30));
    PublishedEvents.assertExactlyOnceInVersionOrder(stack);
    assertThat(stack.stream().count()).isEqualTo(2);
  }
}
