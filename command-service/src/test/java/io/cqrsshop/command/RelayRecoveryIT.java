package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.command.relay.outbox.SetAsideEvents;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.testing.TcpProxy;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The relay never gets stuck: a leader cut off from PostgreSQL without either side noticing loses
 * its lock within seconds, a leader that cannot publish steps down for a replica that can, and an
 * event that can never be published is set aside without holding up the others.
 */
class RelayRecoveryIT {

  @RegisterExtension final TestStack stack = new TestStack();

  @Test
  void relay_leaderSessionBlackholed_anotherReplicaTakesOverWithinSeconds() {
    TcpProxy proxy = stack.databaseProxy();
    Map<String, String> leaderEnv = stack.envBehindDatabaseProxy();
    leaderEnv.put("COMMAND_RELAY_SESSION_TIMEOUT", "3s");
    CommandServiceApplication leader = stack.startApp(leaderEnv);
    awaitLeader(leader);
    Map<String, String> followerEnv = stack.env();
    followerEnv.put("COMMAND_RELAY_SESSION_TIMEOUT", "3s");
    CommandServiceApplication follower = stack.startApp(followerEnv);
    CommandServiceBlockingStub client = stack.client(follower);
    String product = client.createProduct(Requests.product(0)).getProductId();
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(10));

    // Neither the leader nor PostgreSQL learns that the other is gone: only timeouts can tell.
    proxy.blackhole();
    for (int i = 0; i < 5; i++) {
      client.adjustProductStock(Requests.adjustStock(product, 1));
    }

    await("the follower takes the lock over")
        .atMost(Duration.ofSeconds(20))
        .until(() -> metric(follower, "relay_leader").equals(OptionalDouble.of(1)));
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(20));
    PublishedEvents.assertExactlyOnceInVersionOrder(stack);
    assertThat(stack.relayLeaders()).isEqualTo(1);
  }

  @Test
  void relay_leaderCutOffFromNats_stepsDownForAReplicaThatCanPublish() {
    TcpProxy proxy = stack.proxy("127.0.0.1", stack.nats.port());
    Map<String, String> leaderEnv = stack.env();
    leaderEnv.put("COMMAND_NATS_URL", "nats://127.0.0.1:" + proxy.port());
    leaderEnv.put("COMMAND_RELAY_STEP_DOWN_AFTER", "2s");
    CommandServiceApplication leader = stack.startApp(leaderEnv);
    awaitLeader(leader);
    CommandServiceApplication follower = stack.startApp();
    CommandServiceBlockingStub client = stack.client(follower);
    String product = client.createProduct(Requests.product(0)).getProductId();
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(10));

    proxy.disconnect();
    for (int i = 0; i < 5; i++) {
      client.adjustProductStock(Requests.adjustStock(product, 1));
    }

    await("the replica connected to NATS leads")
        .atMost(Duration.ofSeconds(20))
        .until(() -> metric(follower, "relay_leader").equals(OptionalDouble.of(1)));
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(20));
    PublishedEvents.assertExactlyOnceInVersionOrder(stack);
    assertThat(metric(leader, "relay_leader")).hasValue(0);
  }

  @Test
  void relay_eventThatCanNeverBePublished_isSetAsideAndTheOthersFlow() throws Exception {
    // The stream refuses messages over 2 KB; a product with a long description makes one.
    try (Connection nats = Nats.connect(stack.nats.url())) {
      nats.jetStreamManagement().addStream(stream().maxMsgSize(2048).build());
    }
    CommandServiceApplication app = stack.startApp();
    CommandServiceBlockingStub client = stack.client(app);
    String big =
        client
            .createProduct(Requests.product(0).toBuilder().setDescription("x".repeat(5000)).build())
            .getProductId();
    client.createProduct(Requests.product(0));
    client.adjustProductStock(Requests.adjustStock(big, 1));
    client.createProduct(Requests.product(0));

    await("the events of the other products are published")
        .atMost(Duration.ofSeconds(20))
        .until(() -> stack.stream().count() == 2);
    SetAsideEvents setAside = new SetAsideEvents(stack.jdbi());
    await("the oversized event is set aside, visibly")
        .atMost(Duration.ofSeconds(10))
        .until(() -> metric(app, "relay_events_set_aside_total").equals(OptionalDouble.of(1)));
    var listed = setAside.list();
    assertThat(listed).hasSize(1);
    assertThat(listed.getFirst().aggregateId().toString()).isEqualTo(big);
    assertThat(listed.getFirst().aggregateVersion()).isEqualTo(1);
    assertThat(listed.getFirst().reason()).isNotBlank();
    assertThat(listed.getFirst().waitingBehind()).isEqualTo(1);

    // Once the cause is fixed, an operator puts it back; its aggregate follows, in order.
    try (Connection nats = Nats.connect(stack.nats.url())) {
      JetStreamManagement streams = nats.jetStreamManagement();
      streams.updateStream(stream().maxMsgSize(-1).build());
    }
    assertThat(setAside.retryAll()).isEqualTo(1);

    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(20));
    PublishedEvents.assertExactlyOnceInVersionOrder(stack);
    assertThat(setAside.list()).isEmpty();
  }

  private static StreamConfiguration.Builder stream() {
    return StreamConfiguration.builder()
        .name("SHOP_EVENTS")
        .subjects("shop.events.>")
        .duplicateWindow(Duration.ofMinutes(2));
  }

  private static void awaitLeader(CommandServiceApplication app) {
    await("the first replica leads")
        .atMost(Duration.ofSeconds(10))
        .until(() -> metric(app, "relay_leader").equals(OptionalDouble.of(1)));
  }

  private static OptionalDouble metric(CommandServiceApplication app, String name) {
    return MetricsScrape.value(app.metricsPort(), name);
  }
}
