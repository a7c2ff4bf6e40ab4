package io.cqrsshop.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.application.rebuild.RebuildReason;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.application.rebuild.RebuildTarget;
import io.cqrsshop.projector.infrastructure.ElasticsearchRebuildRecords;
import io.cqrsshop.projector.testing.Builds;
import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.ProductFlow;
import io.cqrsshop.projector.testing.ProjectorStack;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.IndexSettings;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelIndices;
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Builds of two versions of the product catalog consuming side by side against real NATS and
 * Elasticsearch, as a rolling update and a rollback run them: each build keeps the indices of its
 * own versions current through their own consumers, so none hands work to another, and the index
 * the alias points at misses nothing whichever builds run.
 */
class RollingUpgradeIT {

  /** How long old and new builds consume together under load. */
  private static final Duration TOGETHER = Duration.ofSeconds(60);

  /** How soon after the last event every document of the serving index must be current. */
  private static final Duration DRIFT_FREE_WITHIN = Duration.ofSeconds(10);

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int PRODUCTS = 100;
  private static final int EVENTS_PER_SECOND = 100;

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private EventStream stream;
  private String v1;
  private String v2;

  @BeforeEach
  void names() {
    stream = stack.stream();
    v1 = stack.readModels.names().physicalIndex(ReadModel.PRODUCTS, 1, 0);
    v2 = stack.readModels.names().physicalIndex(ReadModel.PRODUCTS, 2, 0);
  }

  @Test
  void oneOldAndOneNewBuild_consumeTogetherUnderLoad_thenTheOldLeaves_nothingIsMissing()
      throws Exception {
    rollingUpgrade(1, 1);
  }

  @Test
  void twoOldAndOneNewBuild_consumeTogetherUnderLoad_thenTheOldLeave_nothingIsMissing()
      throws Exception {
    rollingUpgrade(2, 1);
  }

  @Test
  void rollback_afterTheNewVersionServedAlone_servesTheOldIndexAgainWithEveryEvent()
      throws Exception {
    List<ProjectorApplication> old = start(1, ProjectorBuild.current());
    stack.readModels.awaitServing();
    try (ProductFlow products = new ProductFlow(stream, PRODUCTS).publishVersions(1, 2)) {
      products.startFlowing(EVENTS_PER_SECOND);
      List<ProjectorApplication> newer = start(1, Builds.productsV2());
      awaitServing(v2);
      old.forEach(ProjectorApplication::shutdown);
      // The new version serves alone for a while: the old index misses these events for now.
      long publishedBefore = stream.lastSequence();
      await().atMost(PATIENCE).until(() -> stream.lastSequence() > publishedBefore + 500);

      // The rollback: the old build is deployed again, the new one leaves, and an operator asks
      // for v1 (admin rebuild products --version 1).
      start(1, ProjectorBuild.current());
      newer.forEach(ProjectorApplication::shutdown);
      RebuildTarget target = requestVersion(1);
      assertThat(target.index()).as("the live v1 index, not a fresh one").isEqualTo(v1);
      awaitServing(v1);

      products.stop();
      assertNoDrift(products, v1);
      assertThat(stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow().eventsDone())
          .as("caught up from where the v1 build left off, not from the first event")
          .isLessThan(stream.lastSequence() / 2);
      assertThat(stack.readModels.countIn(v2)).as("v2 is kept for a roll forward").isPositive();
    }
  }

  @Test
  void cancelRightAfterTheSwap_theServingIndexMissesNothing() throws Exception {
    start(1, ProjectorBuild.current());
    stack.readModels.awaitServing();
    try (ProductFlow products = new ProductFlow(stream, PRODUCTS).publishVersions(1, 2)) {
      products.startFlowing(EVENTS_PER_SECOND);
      start(1, Builds.productsV2());
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(2))
          .ignoreExceptions()
          .until(() -> stack.readModels.servingIndex(ReadModel.PRODUCTS).orElse("").equals(v2));

      // As admin rebuild --cancel does: only a rebuild still under way can be cancelled.
      var records =
          new ElasticsearchRebuildRecords(stack.readModels.client(), stack.readModels.names());
      var record = records.get(ReadModel.PRODUCTS.baseName()).orElseThrow();
      if (record.value().state().isActive()) {
        records.replace(
            record, record.value().inState(RebuildState.CANCELLED, "cancelled", Instant.now()));
      }

      products.stop();
      assertNoDrift(products, v2);
    }
  }

  @Test
  void rollingDeployThatAddsAReadModel_theOldBuildLeavesItsEventsToTheNewOne() throws Exception {
    ProjectorBuild withoutSales = Builds.without(ReadModel.SALES);
    start(1, withoutSales);
    stack.readModels.awaitServingExcept(ReadModel.SALES);
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      orders.add(io.cqrsshop.projector.testing.Events.newId());
      stream.publish(
          io.cqrsshop.projector.testing.Events.orderEvent(
              orders.getLast(), 1, io.cqrsshop.proto.events.v1.OrderStatus.ORDER_STATUS_PLACED));
    }

    start(1, ProjectorBuild.current());
    for (String order : orders) {
      stream.publish(
          io.cqrsshop.projector.testing.Events.orderEvent(
              order, 2, io.cqrsshop.proto.events.v1.OrderStatus.ORDER_STATUS_SHIPPED));
    }

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (String order : orders) {
                assertThat(
                        stack.readModels.get(
                            ReadModel.SALES, order, io.cqrsshop.readmodel.SalesDocument.class))
                    .as("sales of order %s", order)
                    .get()
                    .extracting(io.cqrsshop.readmodel.SalesDocument::version)
                    .isEqualTo(2L);
              }
            });
  }

  /**
   * {@code old} replicas of v1 run under load, {@code newer} replicas of the v2 build join them,
   * all consume together for {@link #TOGETHER}, then the old ones stop.
   */
  private void rollingUpgrade(int old, int newer) throws Exception {
    List<ProjectorApplication> oldOnes = start(old, ProjectorBuild.current());
    stack.readModels.awaitServing();
    try (ProductFlow products = new ProductFlow(stream, PRODUCTS).publishVersions(1, 2)) {
      products.startFlowing(EVENTS_PER_SECOND);
      start(newer, Builds.productsV2());
      Instant joined = Instant.now();
      awaitServing(v2);

      // From the swap on, only live projections consume: no build holds back another's events.
      long limit = stack.config().maxAckPending();
      Duration left = TOGETHER.minus(Duration.between(joined, Instant.now()));
      await()
          .during(left.compareTo(Duration.ofSeconds(10)) > 0 ? left : Duration.ofSeconds(10))
          .atMost(TOGETHER.plusSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> mostPendingAcknowledgements() < limit / 10);

      oldOnes.forEach(ProjectorApplication::shutdown);
      products.stop();
      assertNoDrift(products, v2);
      ConsumerInfo serving = stack.consumer(ReadModel.PRODUCTS);
      assertThat(serving.getName())
          .isEqualTo(IndexNames.consumer(stack.config().natsConsumer(), v2));
      // Only product events are published, so every stream position is one the consumer delivers:
      // deliveries beyond the stream's positions are redeliveries.
      long redeliveries =
          serving.getDelivered().getConsumerSequence() - serving.getDelivered().getStreamSequence();
      assertThat(redeliveries)
          .as("events of the serving index delivered again (of %d)", stream.lastSequence())
          .isLessThan(stream.lastSequence() / 20);
      assertThat(stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow().state())
          .isEqualTo(RebuildState.DONE);
    }
  }

  private List<ProjectorApplication> start(int replicas, ProjectorBuild build) {
    List<ProjectorApplication> started = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      started.add(stack.start(stack.config(), build));
    }
    return started;
  }

  private void awaitServing(String index) {
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                stack.readModels.servingIndex(ReadModel.PRODUCTS).orElse("").equals(index)
                    && stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow().state()
                        == RebuildState.DONE);
  }

  /** The most events any consumer of the stream holds delivered but unacknowledged. */
  private long mostPendingAcknowledgements() {
    return stream.consumers().stream().mapToLong(ConsumerInfo::getNumAckPending).max().orElse(0);
  }

  /** Asks for the version to serve, as {@code admin rebuild products --version N} does. */
  private RebuildTarget requestVersion(int version) throws Exception {
    var records =
        new ElasticsearchRebuildRecords(stack.readModels.client(), stack.readModels.names());
    var indices =
        new ReadModelIndices(
            stack.readModels.client(), stack.readModels.names(), IndexSettings.singleNode());
    var previous = records.get(ReadModel.PRODUCTS.baseName()).orElseThrow();
    RebuildTarget target =
        RebuildTarget.choose(
            stack.readModels.names(),
            ReadModel.PRODUCTS,
            version,
            indices.physicalIndices(ReadModel.PRODUCTS),
            Optional.of(previous.value()),
            true);
    RebuildRecord request =
        target.request(
            ReadModel.PRODUCTS,
            RebuildReason.REQUESTED,
            null,
            "requested by the test",
            Instant.now());
    assertThat(records.replace(previous, request)).isPresent();
    return target;
  }

  /** Within a few seconds of the last event, every product in the index is its latest version. */
  private void assertNoDrift(ProductFlow products, String index) {
    await()
        .atMost(DRIFT_FREE_WITHIN)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (String id : products.ids()) {
                assertThat(stack.readModels.getFrom(index, id, ProductDocument.class))
                    .as("product %s in %s", id, index)
                    .contains(products.expected(id));
              }
            });
    assertThat(stack.readModels.servingIndex(ReadModel.PRODUCTS)).contains(index);
  }
}
