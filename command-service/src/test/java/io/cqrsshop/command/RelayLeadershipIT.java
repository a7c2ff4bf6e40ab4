package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.testing.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several replicas share one database: exactly one relay publishes, and when its process dies
 * another takes over without losing, duplicating or reordering an event.
 */
class RelayLeadershipIT {

  @RegisterExtension final TestStack stack = new TestStack();

  @Test
  void relay_leaderProcessKilledWhileWriting_followerTakesOverAndPublishesEverythingOnce()
      throws Exception {
    Map<String, String> env = stack.env();
    try (ChildJvm leader = ChildJvm.start(CommandServiceMain.class, env, "relay-leader-child")) {
      await("the child process leads the relay")
          .atMost(Duration.ofSeconds(60))
          .until(() -> stack.relayLeaders() == 1);
      CommandServiceApplication follower = stack.startApp();
      CommandServiceBlockingStub client = stack.client(follower);
      List<String> products =
          IntStream.range(0, 3)
              .mapToObj(i -> client.createProduct(Requests.product(0)).getProductId())
              .toList();

      CountDownLatch halfway = new CountDownLatch(4);
      CountDownLatch killed = new CountDownLatch(1);
      CompletableFuture<List<Race.Attempt<Integer>>> writers =
          CompletableFuture.supplyAsync(
              () -> Race.run(4, writer -> adjust(client, products, halfway, killed)),
              task -> Thread.ofPlatform().daemon().start(task));
      assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
      await("the child publishes while it leads")
          .atMost(Duration.ofSeconds(10))
          .until(() -> stack.stream().count() > 3);
      assertThat(metric(follower, "relay_leader")).hasValue(0);
      assertThat(metric(follower, "relay_events_published_total")).hasValue(0);

      leader.kill();
      killed.countDown();

      await("the in-process relay takes over")
          .atMost(Duration.ofSeconds(10))
          .until(() -> metric(follower, "relay_leader").equals(OptionalDouble.of(1)));
      assertThat(writers.get(2, TimeUnit.MINUTES)).allMatch(Race.Attempt::succeeded);
      PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(30));
      PublishedEvents.assertExactlyOnceInVersionOrder(stack);
      assertThat(stack.stream().count()).isEqualTo(3 + 4 * 40);
      assertThat(metric(follower, "relay_events_published_total").orElseThrow()).isPositive();
    }
  }

  @Test
  void relay_twoReplicas_onlyOneLeads() {
    CommandServiceApplication first = stack.startApp();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> metric(first, "relay_leader").equals(OptionalDouble.of(1)));
    CommandServiceApplication second = stack.startApp();
    CommandServiceBlockingStub client = stack.client(second);

    for (int i = 0; i < 20; i++) {
      client.createProduct(Requests.product(1));
    }

    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(20));
    assertThat(stack.relayLeaders()).isEqualTo(1);
    assertThat(metric(second, "relay_leader")).hasValue(0);
    assertThat(metric(second, "relay_events_published_total")).hasValue(0);
    assertThat(metric(first, "relay_events_published_total")).hasValue(20);
  }

  /** Writes 40 events; the second half only after the test killed the leader. */
  private static int adjust(
      CommandServiceBlockingStub client,
      List<String> products,
      CountDownLatch halfway,
      CountDownLatch killed) {
    for (int i = 0; i < 40; i++) {
      if (i == 20) {
        halfway.countDown();
        try {
          assertThat(killed.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      client.adjustProductStock(
          AdjustProductStockRequest.newBuilder()
              .setRequestId(Requests.requestId())
              .setProductId(products.get(i % products.size()))
              .setDelta(1)
              .build());
    }
    return 40;
  }

  private static OptionalDouble metric(CommandServiceApplication app, String name) {
    return MetricsScrape.value(app.metricsPort(), name);
  }
}
