package io.cqrsshop.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.testing.Builds;
import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Probes;
import io.cqrsshop.projector.testing.ProductFlow;
import io.cqrsshop.projector.testing.ProjectorStack;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rebuilds of a read model against real NATS and Elasticsearch: a version bump while events flow,
 * two replicas of the new build, a deleted index, and a stream that lost its oldest events.
 */
class ReadModelRebuildIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private EventStream stream;

  @Test
  void versionBump_whileEventsFlow_queriesReadTheOldIndexUntilTheSwapAndNothingIsLost()
      throws Exception {
    stream = stack.stream();
    start(ProjectorBuild.current());
    stack.readModels.awaitServing();
    String old = stack.readModels.names().physicalIndex(ReadModel.PRODUCTS, 1, 0);
    String next = stack.readModels.names().physicalIndex(ReadModel.PRODUCTS, 2, 0);
    try (ProductFlow products = new ProductFlow(stream, 200).publishVersions(1, 3)) {
      awaitLatest(products);
      products.startFlowing(200);

      ProjectorApplication newer = start(Builds.productsV2());
      List<String> violations = new ArrayList<>();
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                // Whatever index the alias points at, it is complete: never half-built.
                String serving = stack.readModels.servingIndex(ReadModel.PRODUCTS).orElse("none");
                long documents = serving.equals("none") ? 0 : stack.readModels.countIn(serving);
                if (documents < 200) {
                  violations.add("served " + serving + " with " + documents + " of 200 products");
                }
                Optional<RebuildRecord> record = stack.readModels.rebuild(ReadModel.PRODUCTS);
                return record.isPresent()
                    && record.get().targetIndex().equals(next)
                    && record.get().state() == RebuildState.DONE;
              });
      assertThat(violations)
          .as("queries read only a complete index: the old one until the swap, then the new")
          .isEmpty();
      assertThat(stack.readModels.servingIndex(ReadModel.PRODUCTS)).contains(next);
      // The counter counts a rebuild once it has ended, just after its record says DONE.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          Probes.metric(
                              newer.metricsPort(), "projector_rebuilds_total", "products"))
                      .isEqualTo(1));

      products.stop();
      awaitLatest(products);
      for (String id : products.ids()) {
        assertThat(stack.readModels.getFrom(next, id, ProductDocument.class))
            .as("product %s as a fresh projection of its latest event", id)
            .contains(products.expected(id));
      }
      assertThat(stack.readModels.countIn(next)).isEqualTo(200);
      assertThat(stack.readModels.countIn(old))
          .as("the old index is kept for a rollback")
          .isEqualTo(200);
    }
  }

  @Test
  void twoReplicasOfTheNewBuild_onlyOneRebuilds() throws Exception {
    stream = stack.stream();
    start(ProjectorBuild.current());
    stack.readModels.awaitServing();
    try (ProductFlow products = new ProductFlow(stream, 50).publishVersions(1, 2)) {
      awaitLatest(products);
      stack.projectors.forEach(ProjectorApplication::shutdown);
      stack.projectors.clear();

      ProjectorApplication first = start(Builds.productsV2());
      ProjectorApplication second = start(Builds.productsV2());
      stack.readModels.awaitRebuild(
          ReadModel.PRODUCTS,
          PATIENCE,
          record -> record.version() == 2 && record.state() == RebuildState.DONE);

      // The counter counts a rebuild once it has ended, just after its record says DONE.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> rebuildsEnded(first) + rebuildsEnded(second) >= 1);
      assertThat(rebuildsEnded(first) + rebuildsEnded(second)).isEqualTo(1);
      // The rebuild swaps once its backlog is down to a live batch, and the live projections of
      // the version apply the rest from the same consumer: so it applied at most the 100 events,
      // and no other replica applied any as a rebuild.
      assertThat(stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow().eventsDone())
          .isBetween(1L, 100L);
      assertThat(rebuildEventsApplied(first) + rebuildEventsApplied(second))
          .isEqualTo(stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow().eventsDone());
      awaitLatest(products);
    }
  }

  @Test
  void deletedIndex_comesBackCompleteFromTheHistory() throws Exception {
    stream = stack.stream();
    start(ProjectorBuild.current());
    stack.readModels.awaitServing();
    try (ProductFlow products = new ProductFlow(stream, 100).publishVersions(1, 2)) {
      awaitLatest(products);
      String old = stack.readModels.servingIndex(ReadModel.PRODUCTS).orElseThrow();

      stack.readModels.client().indices().delete(d -> d.index(old));
      products.publishVersions(3, 3);

      stack.readModels.awaitRebuild(
          ReadModel.PRODUCTS,
          PATIENCE,
          record -> record.state() == RebuildState.DONE && !record.targetIndex().equals(old));
      assertThat(stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow().reason())
          .hasToString("INDEX_MISSING");
      awaitLatest(products);
      assertThat(stack.readModels.count(ReadModel.PRODUCTS)).isEqualTo(100);
    }
  }

  @Test
  void streamThatLostItsOldestEvents_refusesTheRebuildAndSaysWhatToDo() {
    stream = stack.keep(EventStream.createWithMaxMessages(stack.nats.url(), 20));
    new ProductFlow(stream, 30).publishVersions(1, 1);

    start(ProjectorBuild.current());

    stack.readModels.awaitRebuild(
        ReadModel.PRODUCTS, PATIENCE, record -> record.state() == RebuildState.REFUSED);
    assertThat(stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow().message())
        .contains(
            "no longer holds the whole history", "oldest event is number 11", "--from-postgres");
    assertThat(stack.readModels.servingIndex(ReadModel.PRODUCTS)).isEmpty();
  }

  private ProjectorApplication start(ProjectorBuild build) {
    ProjectorApplication projector = stack.start(stack.config(), build);
    return projector;
  }

  private void awaitLatest(ProductFlow products) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (String id : products.ids()) {
                assertThat(stack.readModels.get(ReadModel.PRODUCTS, id, ProductDocument.class))
                    .as("product %s", id)
                    .get()
                    .extracting(ProductDocument::version)
                    .isEqualTo(products.latestVersion(id));
              }
            });
  }

  private static double rebuildEventsApplied(ProjectorApplication projector) {
    return Probes.metric(
        projector.metricsPort(), "projector_rebuild_events_applied_total", "products");
  }

  private static double rebuildsEnded(ProjectorApplication projector) {
    return Probes.metric(projector.metricsPort(), "projector_rebuilds_total", "products");
  }
}
