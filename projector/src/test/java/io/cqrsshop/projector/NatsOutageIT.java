package io.cqrsshop.projector;

import static io.cqrsshop.projector.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.projector.testing.Probes;
import io.cqrsshop.projector.testing.ReadModels;
import io.cqrsshop.projector.testing.TestProjectors;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.TestElasticsearch;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** nats-server goes away under a running projector and comes back with its data. */
class NatsOutageIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private NatsServerProcess nats;
  private String prefix;
  private ReadModels readModels;
  private ProjectorApplication projector;

  @BeforeEach
  void startProjector() throws Exception {
    nats = NatsServerProcess.start();
    EventStream.create(nats.url()).close();
    prefix = TestElasticsearch.uniquePrefix();
    readModels = new ReadModels(prefix);
    projector = ProjectorApplication.start(TestProjectors.config(nats.url(), prefix));
  }

  @AfterEach
  void stopEverything() throws Exception {
    projector.shutdown();
    nats.close();
    readModels.close();
    TestElasticsearch.deleteIndices(prefix);
  }

  @Test
  void natsRestart_underRunningProjector_projectionResumes() throws Exception {
    String productId = newId();
    try (EventStream stream = EventStream.connect(nats.url())) {
      stream.publish(Events.productEvent(productId, 1));
    }
    await().atMost(PATIENCE).ignoreExceptions().until(() -> version(productId) == 1);

    nats.stop();

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> Probes.readiness(projector.healthPort()) == ServingStatus.NOT_SERVING);
    assertThat(Probes.liveness(projector.healthPort())).isEqualTo(ServingStatus.SERVING);

    nats.restart();
    try (EventStream stream = EventStream.connect(nats.url())) {
      stream.publish(Events.productEvent(productId, 2));
    }

    await().atMost(PATIENCE).ignoreExceptions().until(() -> version(productId) == 2);
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> Probes.readiness(projector.healthPort()) == ServingStatus.SERVING);
  }

  private long version(String productId) {
    return readModels
        .get(ReadModel.PRODUCTS, productId, ProductDocument.class)
        .map(ProductDocument::version)
        .orElse(0L);
  }
}
