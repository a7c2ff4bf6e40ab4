package io.cqrsshop.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.testing.Builds;
import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Probes;
import io.cqrsshop.projector.testing.ProductFlow;
import io.cqrsshop.projector.testing.ReadModels;
import io.cqrsshop.projector.testing.TestProjectorMain;
import io.cqrsshop.projector.testing.TestProjectors;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.testing.ChildJvm;
import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.TestElasticsearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A projector killed (SIGKILL) in the middle of a rebuild. */
class RebuildKillIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final int PRODUCTS = 100;
  private static final int VERSIONS = 40;

  private NatsServerProcess nats;
  private EventStream stream;
  private String prefix;
  private ReadModels readModels;
  private final List<ProjectorApplication> projectors = new ArrayList<>();

  @BeforeEach
  void startNats() {
    nats = NatsServerProcess.start();
    stream = EventStream.create(nats.url());
    prefix = TestElasticsearch.uniquePrefix();
    readModels = new ReadModels(prefix);
  }

  @AfterEach
  void stopEverything() throws Exception {
    projectors.forEach(ProjectorApplication::shutdown);
    stream.close();
    nats.close();
    readModels.close();
    TestElasticsearch.deleteIndices(prefix);
  }

  @Test
  void projectorKilledMidRebuild_neverSwapsEarly_andAnotherFinishesACompleteIndex()
      throws Exception {
    projectors.add(ProjectorApplication.start(TestProjectors.config(nats.url(), prefix)));
    readModels.awaitServing();
    ProductFlow products = new ProductFlow(stream, PRODUCTS).publishVersions(1, VERSIONS);
    String old = readModels.servingIndex(ReadModel.PRODUCTS).orElseThrow();

    Map<String, String> env =
        new HashMap<>(
            TestProjectors.env(
                nats.url(),
                prefix,
                // Small rebuild batches, so that the kill lands in the middle.
                Map.of("PROJECTOR_REBUILD_BATCH_SIZE", "20", "PROJECTOR_HEALTH_PORT", "0")));
    env.put(TestProjectorMain.BUILD, "products-v2");
    RebuildRecord atKill;
    try (ChildJvm builder = ChildJvm.start(TestProjectorMain.class, env, "rebuild-killed-child")) {
      await()
          .atMost(PATIENCE)
          .ignoreExceptions()
          .until(
              () ->
                  readModels
                      .rebuild(ReadModel.PRODUCTS)
                      .filter(record -> record.version() == 2)
                      .filter(record -> record.state() == RebuildState.BUILDING)
                      .filter(record -> record.eventsDone() >= 500)
                      .isPresent());
      builder.kill();
      atKill = readModels.rebuild(ReadModel.PRODUCTS).orElseThrow();
    }
    assertThat(atKill.state()).isEqualTo(RebuildState.BUILDING);
    assertThat(atKill.eventsDone()).isLessThan((long) PRODUCTS * VERSIONS);
    assertThat(readModels.servingIndex(ReadModel.PRODUCTS))
        .as("a killed rebuild never swaps")
        .contains(old);

    ProjectorApplication successor =
        ProjectorApplication.start(TestProjectors.config(nats.url(), prefix), Builds.productsV2());
    projectors.add(successor);
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                readModels
                    .rebuild(ReadModel.PRODUCTS)
                    .filter(record -> record.state() == RebuildState.DONE)
                    .isPresent());

    RebuildRecord done = readModels.rebuild(ReadModel.PRODUCTS).orElseThrow();
    assertThat(done.targetIndex()).isEqualTo(atKill.targetIndex());
    assertThat(
            Probes.metric(
                successor.metricsPort(), "projector_rebuild_events_applied_total", "products"))
        .as("resumed from what the killed builder acknowledged, not from the start")
        .isLessThan(PRODUCTS * VERSIONS - atKill.eventsDone() / 2.0);
    assertThat(readModels.servingIndex(ReadModel.PRODUCTS)).contains(done.targetIndex());
    for (String id : products.ids()) {
      assertThat(readModels.getFrom(done.targetIndex(), id, ProductDocument.class))
          .as("product %s", id)
          .contains(products.expected(id));
    }
    assertThat(readModels.countIn(done.targetIndex())).isEqualTo(PRODUCTS);
  }
}
