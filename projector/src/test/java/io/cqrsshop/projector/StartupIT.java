package io.cqrsshop.projector;

import static io.cqrsshop.projector.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.projector.testing.Probes;
import io.cqrsshop.projector.testing.ProjectorStack;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.testing.TcpProxy;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The projector starts before its dependencies and the stream exist. */
class StartupIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private TcpProxy elasticsearch;

  @BeforeEach
  void takeDependenciesDown() {
    stack.nats.stop();
    elasticsearch = stack.elasticsearchProxy();
    elasticsearch.disconnect();
  }

  @Test
  void start_withoutNatsElasticsearchOrStream_projectsOnceAllAreThere() {
    ProjectorApplication projector = stack.startBehind(elasticsearch);

    assertThat(Probes.liveness(projector.healthPort())).isEqualTo(ServingStatus.SERVING);
    assertThat(Probes.readiness(projector.healthPort())).isEqualTo(ServingStatus.NOT_SERVING);

    stack.nats.restart();
    elasticsearch.reconnect();
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> Probes.readiness(projector.healthPort()) == ServingStatus.SERVING);

    // The indices are ready, so the projector now looks for the stream, which is still missing.
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> stack.readModels.count(ReadModel.SALES) == 0);
    // command-service creates the stream only now; the projector has been waiting for it.
    EventStream stream = stack.stream();
    String productId = newId();
    stream.publish(Events.productEvent(productId, 1));

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                stack
                    .readModels
                    .get(ReadModel.PRODUCTS, productId, ProductDocument.class)
                    .isPresent());
  }
}
