package io.cqrsshop.projector;

import static io.cqrsshop.projector.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.projector.testing.Probes;
import io.cqrsshop.projector.testing.ProjectorStack;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** nats-server goes away under a running projector and comes back with its data. */
class NatsOutageIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private ProjectorApplication projector;

  @BeforeEach
  void startProjector() throws Exception {
    EventStream.create(stack.nats.url()).close();
    projector = stack.start(stack.config());
  }

  @Test
  void natsRestart_underRunningProjector_projectionResumes() throws Exception {
    String productId = newId();
    try (EventStream stream = EventStream.connect(stack.nats.url())) {
      stream.publish(Events.productEvent(productId, 1));
    }
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> stack.readModels.productVersion(productId) == 1);

    stack.nats.stop();

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> Probes.readiness(projector.healthPort()) == ServingStatus.NOT_SERVING);
    assertThat(Probes.liveness(projector.healthPort())).isEqualTo(ServingStatus.SERVING);

    stack.nats.restart();
    try (EventStream stream = EventStream.connect(stack.nats.url())) {
      stream.publish(Events.productEvent(productId, 2));
    }

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> stack.readModels.productVersion(productId) == 2);
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> Probes.readiness(projector.healthPort()) == ServingStatus.SERVING);
  }
}
