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
import io.cqrsshop.testing.TcpProxy;
import io.cqrsshop.testing.TestElasticsearch;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projector starts before its dependencies and the stream exist. */
class StartupIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private NatsServerProcess nats;
  private TcpProxy elasticsearch;
  private String prefix;
  private ReadModels readModels;
  private ProjectorApplication projector;
  private EventStream stream;

  @BeforeEach
  void takeDependenciesDown() {
    nats = NatsServerProcess.start();
    nats.stop();
    elasticsearch = TcpProxy.forUrl(TestElasticsearch.url());
    elasticsearch.disconnect();
    prefix = TestElasticsearch.uniquePrefix();
    readModels = new ReadModels(prefix);
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (projector != null) {
      projector.shutdown();
    }
    if (stream != null) {
      stream.close();
    }
    elasticsearch.close();
    nats.close();
    readModels.close();
    TestElasticsearch.deleteIndices(prefix);
  }

  @Test
  void start_withoutNatsElasticsearchOrStream_projectsOnceAllAreThere() {
    projector =
        ProjectorApplication.start(
            TestProjectors.config(
                nats.url(),
                prefix,
                Map.of(
                    "PROJECTOR_ELASTICSEARCH_URL",
                    elasticsearch.proxiedUrl(TestElasticsearch.url()))));

    assertThat(Probes.liveness(projector.healthPort())).isEqualTo(ServingStatus.SERVING);
    assertThat(Probes.readiness(projector.healthPort())).isEqualTo(ServingStatus.NOT_SERVING);

    nats.restart();
    elasticsearch.reconnect();
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> Probes.readiness(projector.healthPort()) == ServingStatus.SERVING);

    // The indices are ready, so the projector now looks for the stream, which is still missing.
    await().atMost(PATIENCE).ignoreExceptions().until(() -> readModels.count(ReadModel.SALES) == 0);
    // command-service creates the stream only now; the projector has been waiting for it.
    stream = EventStream.create(nats.url());
    String productId = newId();
    stream.publish(Events.productEvent(productId, 1));

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () -> readModels.get(ReadModel.PRODUCTS, productId, ProductDocument.class).isPresent());
  }
}
