package io.cqrsshop.projector;

import static io.cqrsshop.projector.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.projector.testing.Probes;
import io.cqrsshop.projector.testing.ProjectorStack;
import io.cqrsshop.proto.events.v1.OrderStatus;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.testing.TcpProxy;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The projector reaches Elasticsearch through a proxy that the test cuts and restores. */
class ElasticsearchOutageIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private EventStream stream;
  private TcpProxy elasticsearch;
  private ProjectorApplication projector;

  @BeforeEach
  void startProjectorBehindProxy() {
    stream = stack.stream();
    elasticsearch = stack.elasticsearchProxy();
    projector = stack.startBehind(elasticsearch);
    stack.readModels.awaitServing();
  }

  @Test
  void elasticsearchOutage_eventsDuringIt_areAllWrittenOnceItIsBack() {
    String productId = newId();
    stream.publish(Events.productEvent(productId, 1));
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> stack.readModels.productVersion(productId) == 1);
    await().atMost(PATIENCE).ignoreExceptions().until(() -> readiness() == ServingStatus.SERVING);

    elasticsearch.disconnect();
    List<String> ordersDuringOutage = new ArrayList<>();
    for (long version = 2; version <= 4; version++) {
      stream.publish(Events.productEvent(productId, version));
    }
    for (int i = 0; i < 5; i++) {
      String orderId = newId();
      ordersDuringOutage.add(orderId);
      stream.publish(Events.orderEvent(orderId, 1, OrderStatus.ORDER_STATUS_PLACED));
    }

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> readiness() == ServingStatus.NOT_SERVING);
    assertThat(Probes.liveness(projector.healthPort())).isEqualTo(ServingStatus.SERVING);
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> Probes.metric(projector.metricsPort(), "projector_bulk_retries_total") > 0);
    assertThat(stack.readModels.productVersion(productId)).isEqualTo(1);
    // The history shows every event, so its consumer holds all of them.
    ConsumerInfo during = stack.consumer(ReadModel.HISTORY);
    assertThat(during.getAckFloor().getStreamSequence()).as("acked before the outage").isEqualTo(1);
    assertThat(during.getNumAckPending() + during.getNumPending())
        .as("events held in progress or waiting, none acked, none given up")
        .isEqualTo(8);

    elasticsearch.reconnect();

    await().atMost(PATIENCE).ignoreExceptions().until(() -> readiness() == ServingStatus.SERVING);
    await().atMost(PATIENCE).ignoreExceptions().until(stack::settled);
    assertThat(stack.readModels.productVersion(productId)).isEqualTo(4);
    for (String orderId : ordersDuringOutage) {
      assertThat(stack.readModels.get(ReadModel.ORDERS, orderId, OrderDocument.class)).isPresent();
      assertThat(
              stack.readModels.get(
                  ReadModel.SALES, orderId, io.cqrsshop.readmodel.SalesDocument.class))
          .isPresent();
    }
    assertThat(Probes.liveness(projector.healthPort())).isEqualTo(ServingStatus.SERVING);
  }

  private ServingStatus readiness() {
    return Probes.readiness(projector.healthPort());
  }
}
