package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.proto.v1.AdjustProductStockResponse;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.grpc.Status;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM (or {@code shutdown()}): the call in flight completes, new calls are refused, and the
 * relay hands leadership to another replica at once.
 */
class GracefulShutdownIT {

  private static final String WAITING_FOR_A_LOCK =
      "SELECT count(*) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND wait_event_type = 'Lock'";

  @RegisterExtension final TestStack stack = new TestStack();

  @Test
  void shutdown_commandInFlight_completesItRefusesNewCallsAndHandsOverTheRelay() throws Exception {
    CommandServiceApplication leaving = stack.startApp();
    await().atMost(Duration.ofSeconds(10)).until(() -> leads(leaving));
    CommandServiceApplication staying = stack.startApp();
    CommandServiceBlockingStub leavingClient = stack.client(leaving);
    String product = leavingClient.createProduct(Requests.product(5)).getProductId();

    CompletableFuture<AdjustProductStockResponse> inFlight;
    CompletableFuture<Void> stopped;
    try (Handle blocker = stack.jdbi().open()) {
      // The test holds the product's row lock, so the command stays in flight until released.
      blocker.begin();
      blocker
          .createQuery("SELECT id FROM products WHERE id = '" + product + "' FOR UPDATE")
          .mapToMap()
          .one();
      inFlight =
          onOwnThread(() -> leavingClient.adjustProductStock(Requests.adjustStock(product, 1)));
      await().atMost(Duration.ofSeconds(10)).until(() -> stack.count(WAITING_FOR_A_LOCK) == 1);

      stopped =
          CompletableFuture.runAsync(leaving::shutdown, task -> Thread.ofPlatform().start(task));

      await("new calls are refused")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  GrpcErrorDetails.of(
                              catchThrowable(
                                  () -> leavingClient.createProduct(Requests.product(1))))
                          .code()
                      == Status.Code.UNAVAILABLE);
      assertThat(inFlight).isNotDone();
      blocker.commit();
    }

    assertThat(inFlight.get(10, TimeUnit.SECONDS).getStock()).isEqualTo(6);
    stopped.get(20, TimeUnit.SECONDS);
    await("the other replica takes over the relay")
        .atMost(Duration.ofSeconds(3))
        .until(() -> leads(staying));
    stack.client(staying).createProduct(Requests.product(1));
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(20));
    PublishedEvents.assertExactlyOnceInVersionOrder(stack);
  }

  private static boolean leads(CommandServiceApplication app) {
    return MetricsScrape.value(app.metricsPort(), "relay_leader").equals(OptionalDouble.of(1));
  }

  private static <T> CompletableFuture<T> onOwnThread(java.util.function.Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, task -> Thread.ofPlatform().start(task));
  }
}
