package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.RequestId;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.Sku;
import io.cqrsshop.command.infrastructure.persistence.JdbiTransactions;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.shared.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The relay trap: event positions are taken at insert time, so a transaction that stays open
 * commits its events after events with higher positions have been published. A relay that follows a
 * "last published position" mark skips them for good; this one must not.
 */
class RelayTrapIT {

  private static final int THREADS = 8;
  private static final int COMMANDS_PER_THREAD = 25;
  private static final int PRODUCTS = 4;

  @RegisterExtension final TestStack stack = new TestStack();

  private CommandServiceBlockingStub client;

  @BeforeEach
  void start() {
    client = stack.client();
  }

  @Test
  void relay_transactionsCommittingOutOfPositionOrder_publishesEveryEventOnceInVersionOrder()
      throws Exception {
    List<String> products =
        IntStream.range(0, PRODUCTS)
            .mapToObj(i -> client.createProduct(Requests.product(1_000)).getProductId())
            .toList();
    CountDownLatch release = new CountDownLatch(1);
    HeldTransaction early = HeldTransaction.open(stack, release);

    List<Race.Attempt<Long>> firstHalf = adjustConcurrently(products);
    HeldTransaction late = HeldTransaction.open(stack, release);
    List<Race.Attempt<Long>> secondHalf = adjustConcurrently(products);

    assertThat(firstHalf).allMatch(Race.Attempt::succeeded);
    assertThat(secondHalf).allMatch(Race.Attempt::succeeded);
    long committed = PRODUCTS + 2L * THREADS * COMMANDS_PER_THREAD;
    // The relay publishes everything committed after the held transactions took their positions...
    await("events committed after the held transactions are published")
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.stream().count() == committed);
    assertThat(stack.count("SELECT count(*) FROM events WHERE published_at IS NULL")).isZero();
    long highestPublished = stack.count("SELECT max(position) FROM events");

    // ...and still the held events once they commit, below every position published so far.
    release.countDown();
    Set<UUID> held = Set.of(early.productId(), late.productId());
    assertThat(early.committed().get(10, TimeUnit.SECONDS)).isEqualTo(early.productId());
    assertThat(late.committed().get(10, TimeUnit.SECONDS)).isEqualTo(late.productId());
    // The trap was real: both held events sit below positions that were already published.
    assertThat(early.position(stack)).isLessThan(highestPublished);
    assertThat(late.position(stack)).isLessThan(highestPublished);
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(20));
    PublishedEvents.assertExactlyOnceInVersionOrder(stack);
    assertThat(stack.stream().all())
        .filteredOn(e -> held.contains(UUID.fromString(e.envelope().getAggregateId())))
        .hasSize(2);
  }

  private List<Race.Attempt<Long>> adjustConcurrently(List<String> products) {
    return Race.run(
        THREADS,
        thread -> {
          long last = 0;
          for (int i = 0; i < COMMANDS_PER_THREAD; i++) {
            last =
                client
                    .adjustProductStock(
                        AdjustProductStockRequest.newBuilder()
                            .setRequestId(Requests.requestId())
                            .setProductId(products.get((thread + i) % products.size()))
                            .setDelta(1)
                            .setReason("restock")
                            .build())
                    .getVersion();
          }
          return last;
        });
  }

  /**
   * A write-model transaction that creates a product and its event, then stays open until released:
   * its event has a position but is not visible to the relay.
   */
  private record HeldTransaction(UUID productId, CompletableFuture<UUID> committed) {

    static HeldTransaction open(TestStack stack, CountDownLatch release) throws Exception {
      JdbiTransactions transactions = new JdbiTransactions(stack.jdbi());
      UUID id = UUID.randomUUID();
      CountDownLatch inserted = new CountDownLatch(1);
      CompletableFuture<UUID> committed =
          CompletableFuture.supplyAsync(
              () -> {
                Outcome<UUID> outcome =
                    transactions.inTransaction(
                        model -> {
                          ProductEvent.Created created =
                              Product.create(
                                  id,
                                  new Sku("HELD-" + id.toString().substring(0, 8)),
                                  new ProductDetails("Held", "", "tests"),
                                  new Money("EUR", 1),
                                  0,
                                  Instant.now().truncatedTo(ChronoUnit.MICROS));
                          model.products().add(created.product());
                          model
                              .events()
                              .append(
                                  List.of(created),
                                  new CommandContext(
                                      CommandContext.ANONYMOUS,
                                      new RequestId("held-" + id),
                                      new byte[0]));
                          // Any read sends the held-back insert: the event takes its position
                          // now, and the transaction stays open with it.
                          model.products().lock(id);
                          inserted.countDown();
                          awaitQuietly(release);
                          return Outcome.success(id);
                        });
                return ((Outcome.Success<UUID>) outcome).value();
              },
              // Its own thread: the common pool may have a single worker on a small machine.
              task -> Thread.ofPlatform().daemon().start(task));
      assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
      return new HeldTransaction(id, committed);
    }

    /** The position its event got; visible once committed. */
    long position(TestStack stack) {
      return stack.count("SELECT position FROM events WHERE aggregate_id = '" + productId + "'");
    }

    private static void awaitQuietly(CountDownLatch release) {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
