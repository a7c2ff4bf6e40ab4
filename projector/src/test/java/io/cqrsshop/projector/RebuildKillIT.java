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
import io.cqrsshop.projector.testing.TestProjectorMain;
import io.cqrsshop.projector.testing.TestProjectors;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.testing.ChildJvm;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A projector killed (SIGKILL) in the middle of a rebuild. */
class RebuildKillIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final int PRODUCTS = 100;
  private static final int VERSIONS = 40;

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private EventStream stream;

  @BeforeEach
  void openStream() {
    stream = stack.stream();
  }

  @Test
  void projectorKilledMidRebuild_neverSwapsEarly_andAnotherFinishesACompleteIndex()
      throws Exception {
    stack.start(stack.config());
    stack.readModels.awaitServing();
    ProductFlow products = new ProductFlow(stream, PRODUCTS).publishVersions(1, VERSIONS);
    String old = stack.readModels.servingIndex(ReadModel.PRODUCTS).orElseThrow();

    Map<String, String> env =
        new HashMap<>(
            TestProjectors.env(
                stack.nats.url(),
                stack.prefix,
                // Small rebuild batches, so that the kill lands in the middle.
                Map.of("PROJECTOR_REBUILD_BATCH_SIZE", "20", "PROJECTOR_HEALTH_PORT", "0")));
    env.put(TestProjectorMain.BUILD, "products-v2");
    RebuildRecord atKill;
    try (ChildJvm builder = ChildJvm.start(TestProjectorMain.class, env, "rebuild-killed-child")) {
      stack.readModels.awaitRebuild(
          ReadModel.PRODUCTS,
          PATIENCE,
          record ->
              record.version() == 2
                  && record.state() == RebuildState.BUILDING
                  && record.eventsDone() >= 500);
      builder.kill();
      atKill = stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow();
    }
    assertThat(atKill.state()).isEqualTo(RebuildState.BUILDING);
    assertThat(atKill.eventsDone()).isLessThan((long) PRODUCTS * VERSIONS);
    assertThat(stack.readModels.servingIndex(ReadModel.PRODUCTS))
        .as("a killed rebuild never swaps")
        .contains(old);

    ProjectorApplication successor = stack.start(stack.config(), Builds.productsV2());
    stack.readModels.awaitRebuild(
        ReadModel.PRODUCTS, PATIENCE, record -> record.state() == RebuildState.DONE);

    RebuildRecord done = stack.readModels.rebuild(ReadModel.PRODUCTS).orElseThrow();
    assertThat(done.targetIndex()).isEqualTo(atKill.targetIndex());
    assertThat(
            Probes.metric(
                successor.metricsPort(), "projector_rebuild_events_applied_total", "products"))
        .as("resumed from what the killed builder acknowledged, not from the start")
        .isLessThan(PRODUCTS * VERSIONS - atKill.eventsDone() / 2.0);
    assertThat(stack.readModels.servingIndex(ReadModel.PRODUCTS)).contains(done.targetIndex());
    // The swap comes with up to a live batch left in the index's consumer, which the live
    // projection of its version applies from there.
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (String id : products.ids()) {
                assertThat(stack.readModels.getFrom(done.targetIndex(), id, ProductDocument.class))
                    .as("product %s", id)
                    .contains(products.expected(id));
              }
            });
    assertThat(stack.readModels.countIn(done.targetIndex())).isEqualTo(PRODUCTS);
  }

  @Test
  void projectorKilledJustAfterTheSwap_theServingIndexMissesNothing() throws Exception {
    stack.start(stack.config());
    stack.readModels.awaitServing();
    String v2 = stack.readModels.names().physicalIndex(ReadModel.PRODUCTS, 2, 0);
    try (ProductFlow products = new ProductFlow(stream, PRODUCTS).publishVersions(1, 5)) {
      products.startFlowing(100);
      Map<String, String> env =
          new HashMap<>(
              TestProjectors.env(
                  stack.nats.url(), stack.prefix, Map.of("PROJECTOR_HEALTH_PORT", "0")));
      env.put(TestProjectorMain.BUILD, "products-v2");
      try (ChildJvm builder = ChildJvm.start(TestProjectorMain.class, env, "swap-killed-child")) {
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(20))
            .ignoreExceptions()
            .until(() -> stack.readModels.servingIndex(ReadModel.PRODUCTS).orElse("").equals(v2));
        builder.kill();
      }
      // The new build's next replica: the live projection of v2 carries on from the consumer,
      // whatever the killed one left unrecorded. What the killed one had received but not
      // acknowledged comes back once its ack wait runs out.
      stack.start(stack.config(), Builds.productsV2());
      products.stop();
      await()
          .atMost(stack.config().ackWait().plusSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                for (String id : products.ids()) {
                  assertThat(stack.readModels.getFrom(v2, id, ProductDocument.class))
                      .as("product %s", id)
                      .contains(products.expected(id));
                }
              });
      assertThat(stack.readModels.servingIndex(ReadModel.PRODUCTS)).contains(v2);
    }
  }
}
