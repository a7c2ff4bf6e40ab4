package io.cqrsshop.query.application;

import static io.cqrsshop.query.RejectedOutcomes.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest {

  private static final ReadModel PRODUCTS = ReadModel.PRODUCTS;
  private static final Visibility SEARCH = Visibility.SEARCH;

  private static final AggregateVersion PRODUCT_WRITE =
      new AggregateVersion(AggregateType.PRODUCT, UUID.randomUUID(), 3);
  private static final AggregateVersion USER_WRITE =
      new AggregateVersion(AggregateType.USER, UUID.randomUUID(), 2);
  private static final Duration CAP = Duration.ofMillis(300);
  private static final String CALLER = "subject:ada";
  private static final int WAITS_PER_CALLER = 2;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger polls = new AtomicInteger();

  @Test
  void await_withoutTokens_neverLooks() {
    var outcome =
        readYourWrites(alwaysBehind())
            .await(ReadModel.PRODUCTS, Visibility.SEARCH, ReadConsistency.NONE);

    assertThat(outcome).isEqualTo(Outcome.success(ReadModel.PRODUCTS));
    assertThat(polls).hasValue(0);
  }

  @Test
  void await_onlyWritesOfAnotherAggregate_neverLooks() {
    var consistency = new ReadConsistency(List.of(USER_WRITE), Optional.empty(), CALLER);

    var outcome =
        readYourWrites(alwaysBehind()).await(ReadModel.PRODUCTS, Visibility.SEARCH, consistency);

    assertThat(outcome).isEqualTo(Outcome.success(ReadModel.PRODUCTS));
    assertThat(polls).hasValue(0);
  }

  @Test
  void await_catchesUpOnThirdLook_succeedsAndAsksOnlyForRelevantWrites() {
    var consistency =
        new ReadConsistency(List.of(PRODUCT_WRITE, USER_WRITE), Optional.empty(), CALLER);
    ProjectionProgress progress =
        (model, visibility, writes) -> {
          assertThat(writes).containsExactly(PRODUCT_WRITE);
          return polls.incrementAndGet() >= 3;
        };

    var outcome =
        readYourWrites(progress).await(ReadModel.PRODUCTS, Visibility.SEARCH, consistency);

    assertThat(outcome).isEqualTo(Outcome.success(ReadModel.PRODUCTS));
    assertThat(polls).hasValue(3);
    assertThat(registry.get("query.consistency.wait").tag("read_model", "products").timer().count())
        .isEqualTo(1);
  }

  @Test
  void await_lookup_asksWhetherLookupsSeeTheWrites() {
    var consistency = new ReadConsistency(List.of(PRODUCT_WRITE), Optional.empty(), CALLER);
    List<Visibility> asked = new ArrayList<>();
    ProjectionProgress progress =
        (model, visibility, writes) -> {
          asked.add(visibility);
          return true;
        };

    var outcome =
        readYourWrites(progress).await(ReadModel.PRODUCTS, Visibility.LOOKUP, consistency);

    assertThat(outcome).isEqualTo(Outcome.success(ReadModel.PRODUCTS));
    assertThat(asked).containsExactly(Visibility.LOOKUP);
    assertThat(
            registry
                .get("query.consistency.wait")
                .tag("read_model", "products")
                .tag("visibility", "lookup")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void await_neverCaughtUpWithinServerCap_isUnavailableProjectionBehind() {
    var consistency = new ReadConsistency(List.of(PRODUCT_WRITE), Optional.empty(), CALLER);
    long started = System.nanoTime();

    var outcome =
        readYourWrites(alwaysBehind()).await(ReadModel.PRODUCTS, Visibility.SEARCH, consistency);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(CAP, CAP.multipliedBy(3));
    var unavailable = rejection(outcome, Rejection.Unavailable.class);
    assertThat(unavailable.reason()).isEqualTo("PROJECTION_BEHIND");
    assertThat(unavailable.message()).contains("products");
    assertThat(unavailable.metadata()).containsEntry("read_model", "products");
    assertThat(polls.get()).isGreaterThan(2);
    assertThat(
            registry
                .get("query.consistency.timeouts")
                .tag("read_model", "products")
                .tag("limit", "cap")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void await_callerDeadlineShorterThanCap_isDeadlineExceededProjectionBehind() {
    var consistency =
        new ReadConsistency(List.of(PRODUCT_WRITE), Optional.of(Duration.ofMillis(100)), CALLER);

    var outcome =
        readYourWrites(alwaysBehind())
            .await(ReadModel.SALES, Visibility.SEARCH, consistencyFor(consistency));

    var exceeded = rejection(outcome, Rejection.DeadlineExceeded.class);
    assertThat(exceeded.reason()).isEqualTo("PROJECTION_BEHIND");
    assertThat(exceeded.message()).contains("sales");
  }

  @Test
  void await_callerDeadlineAlreadyPassed_looksOnceAndGivesUp() {
    var consistency =
        new ReadConsistency(List.of(PRODUCT_WRITE), Optional.of(Duration.ZERO), CALLER);

    var outcome =
        readYourWrites(alwaysBehind()).await(ReadModel.PRODUCTS, Visibility.SEARCH, consistency);

    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    assertThat(polls).hasValue(1);
  }

  @Test
  void await_outageWhileLooking_propagatesAtOnce() {
    var consistency = new ReadConsistency(List.of(PRODUCT_WRITE), Optional.empty(), CALLER);
    ProjectionProgress down =
        (model, visibility, writes) -> {
          polls.incrementAndGet();
          throw new ReadModelUnavailableException("down", new java.io.IOException("refused"));
        };

    assertThatThrownBy(
            () -> readYourWrites(down).await(ReadModel.PRODUCTS, Visibility.SEARCH, consistency))
        .isInstanceOf(ReadModelUnavailableException.class);
    assertThat(polls).hasValue(1);
  }

  @Test
  void lookUp_tokenOfTheDocumentAlreadySatisfied_readsItOnceAndNothingElse() {
    var consistency =
        new ReadConsistency(List.of(PRODUCT_WRITE, USER_WRITE), Optional.empty(), CALLER);
    AtomicInteger reads = new AtomicInteger();

    var outcome =
        lookUpProductWrite(
            alwaysBehind(),
            consistency,
            () -> {
              reads.incrementAndGet();
              return Optional.of(4L);
            });

    assertThat(outcome).isEqualTo(Outcome.success(Optional.of(4L)));
    assertThat(reads).hasValue(1);
    assertThat(polls).as("no separate progress check").hasValue(0);
  }

  @Test
  void lookUp_documentMissingThenBehind_readsAgainUntilItShowsTheWrite() {
    var consistency = new ReadConsistency(List.of(PRODUCT_WRITE), Optional.empty(), CALLER);
    List<Optional<Long>> answers =
        new ArrayList<>(List.of(Optional.empty(), Optional.of(2L), Optional.of(3L)));

    var outcome = lookUpProductWrite(alwaysBehind(), consistency, () -> answers.removeFirst());

    assertThat(outcome).isEqualTo(Outcome.success(Optional.of(3L)));
    assertThat(answers).isEmpty();
    assertThat(polls).hasValue(0);
  }

  @Test
  void lookUp_tokenOfAnotherDocument_awaitsItAsALookupThenReads() {
    var other = new AggregateVersion(AggregateType.PRODUCT, UUID.randomUUID(), 1);
    var consistency = new ReadConsistency(List.of(PRODUCT_WRITE, other), Optional.empty(), CALLER);
    List<Visibility> asked = new ArrayList<>();
    ProjectionProgress progress =
        (model, visibility, writes) -> {
          asked.add(visibility);
          assertThat(writes).containsExactly(PRODUCT_WRITE, other);
          return true;
        };

    var outcome = lookUpProductWrite(progress, consistency, () -> Optional.of(3L));

    assertThat(outcome).isEqualTo(Outcome.success(Optional.of(3L)));
    assertThat(asked).containsExactly(Visibility.LOOKUP);
  }

  @Test
  void lookUp_documentNeverCatchesUp_isUnavailableProjectionBehind() {
    var consistency = new ReadConsistency(List.of(PRODUCT_WRITE), Optional.empty(), CALLER);

    var outcome = lookUpProductWrite(alwaysBehind(), consistency, () -> Optional.of(2L));

    var unavailable = rejection(outcome, Rejection.Unavailable.class);
    assertThat(unavailable.reason()).isEqualTo(ReadYourWrites.PROJECTION_BEHIND);
  }

  @Test
  void await_callerWithWaitsAtItsBound_isRefusedAtOnce_othersAndSatisfiedCallsAreNot()
      throws Exception {
    // Each call awaits a product of its own; it catches up at the look this map names for it.
    Map<UUID, Integer> caughtUpAtLook = new ConcurrentHashMap<>();
    Map<UUID, AtomicInteger> looks = new ConcurrentHashMap<>();
    ProjectionProgress progress =
        (model, visibility, writes) -> {
          UUID id = writes.getFirst().id();
          int look = looks.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
          return look >= caughtUpAtLook.getOrDefault(id, Integer.MAX_VALUE);
        };
    var readYourWrites =
        new ReadYourWrites(progress, Duration.ofSeconds(30), WAITS_PER_CALLER, registry);
    List<UUID> held = new ArrayList<>();
    List<Future<Outcome<ReadModel>>> waiting = new ArrayList<>();
    try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < WAITS_PER_CALLER; i++) {
        UUID product = UUID.randomUUID();
        held.add(product);
        waiting.add(
            calls.submit(() -> readYourWrites.await(PRODUCTS, SEARCH, of(product, CALLER))));
      }
      // A second look means the first found the write missing and the call took its place.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  held.stream().allMatch(id -> looks.containsKey(id) && looks.get(id).get() >= 2));

      UUID refusedProduct = UUID.randomUUID();
      var refused = readYourWrites.await(PRODUCTS, SEARCH, of(refusedProduct, CALLER));
      UUID satisfied = UUID.randomUUID();
      caughtUpAtLook.put(satisfied, 1);
      var alreadyThere = readYourWrites.await(PRODUCTS, SEARCH, of(satisfied, CALLER));
      UUID otherCallers = UUID.randomUUID();
      caughtUpAtLook.put(otherCallers, 3);
      var otherCaller = readYourWrites.await(PRODUCTS, SEARCH, of(otherCallers, "subject:bob"));

      var exhausted = rejection(refused, Rejection.ResourceExhausted.class);
      assertThat(exhausted.reason()).isEqualTo(ReadYourWrites.TOO_MANY_CONSISTENCY_WAITS);
      assertThat(exhausted.metadata()).containsEntry("limit", Integer.toString(WAITS_PER_CALLER));
      assertThat(looks.get(refusedProduct)).as("looks of the refused call").hasValue(1);
      assertThat(alreadyThere).isEqualTo(Outcome.success(PRODUCTS));
      assertThat(otherCaller).isEqualTo(Outcome.success(PRODUCTS));
      assertThat(
              registry
                  .get("query.consistency.refused")
                  .tag("read_model", "products")
                  .counter()
                  .count())
          .isEqualTo(1);

      held.forEach(id -> caughtUpAtLook.put(id, 0));
      for (Future<Outcome<ReadModel>> call : waiting) {
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.success(PRODUCTS));
      }
    }
    UUID later = UUID.randomUUID();
    caughtUpAtLook.put(later, 2);
    assertThat(readYourWrites.await(PRODUCTS, SEARCH, of(later, CALLER)))
        .as("the caller once its waits ended")
        .isEqualTo(Outcome.success(PRODUCTS));
  }

  private static ReadConsistency of(UUID product, String caller) {
    return new ReadConsistency(
        List.of(new AggregateVersion(AggregateType.PRODUCT, product, 1)), Optional.empty(), caller);
  }

  /** Sales are fed by orders: the product write in the fixture becomes an order write. */
  private static ReadConsistency consistencyFor(ReadConsistency consistency) {
    return new ReadConsistency(
        List.of(new AggregateVersion(AggregateType.ORDER, PRODUCT_WRITE.id(), 1)),
        consistency.callerBudget(),
        consistency.caller());
  }

  private ProjectionProgress alwaysBehind() {
    return (model, visibility, writes) -> {
      polls.incrementAndGet();
      return false;
    };
  }

  /** Looks up the document that PRODUCT_WRITE wrote, reading its version with {@code find}. */
  private Outcome<Optional<Long>> lookUpProductWrite(
      ProjectionProgress progress, ReadConsistency consistency, Supplier<Optional<Long>> find) {
    return readYourWrites(progress)
        .lookUp(
            ReadModel.PRODUCTS,
            PRODUCT_WRITE.id().toString(),
            consistency,
            find,
            version -> version);
  }

  private ReadYourWrites readYourWrites(ProjectionProgress progress) {
    return new ReadYourWrites(progress, CAP, WAITS_PER_CALLER, registry);
  }
}
