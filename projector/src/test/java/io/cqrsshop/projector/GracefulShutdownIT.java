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
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A projector restarted in the middle of a stream of events. */
class GracefulShutdownIT {

  // Enough events (three versions each, at five per batch) that the stop, asked for after the
  // first ten, always comes while most are still in the stream.
  private static final int PRODUCTS = 400;
  private static final int VERSIONS = 5;
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Duration ACK_WAIT = Duration.ofSeconds(60);

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private EventStream stream;

  /** Stream sequence → the product and version published with it. */
  private final Map<Long, Published> published = new TreeMap<>();

  private record Published(String productId, long version) {}

  @BeforeEach
  void startStream() {
    stream = stack.stream();
  }

  @Test
  void restart_midStream_losesNothingAndAcksOnlyWhatWasWritten() {
    List<String> products = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i++) {
      products.add(newId());
    }
    ProjectorApplication first = start();
    publishVersions(products, 1, 3);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(10))
        .ignoreExceptions()
        .until(() -> Probes.metric(first.metricsPort(), "projector_events_applied_total") >= 10);

    Instant stopping = Instant.now();
    first.shutdown();

    assertThat(Duration.between(stopping, Instant.now())).isLessThan(GRACE);
    ConsumerInfo afterStop = stack.consumer(ReadModel.PRODUCTS);
    assertThat(afterStop.getAckFloor().getStreamSequence())
        .as("the stop came mid-stream: not every event was acknowledged")
        .isLessThan(stream.lastSequence());
    assertAckedEventsAreWritten(afterStop.getAckFloor().getStreamSequence());

    publishVersions(products, 4, VERSIONS);
    start();

    // Well within the ack wait: events received but not finished were handed back at the stop,
    // not left to time out.
    await().atMost(ACK_WAIT.dividedBy(3)).ignoreExceptions().until(stack::settled);
    assertThat(stack.readModels.count(ReadModel.PRODUCTS)).isEqualTo(PRODUCTS);
    for (String productId : products) {
      assertThat(stack.readModels.get(ReadModel.PRODUCTS, productId, ProductDocument.class))
          .get()
          .satisfies(
              product -> {
                assertThat(product.version()).isEqualTo(VERSIONS);
                assertThat(product.stock()).isEqualTo(10L * VERSIONS);
              });
    }
  }

  private ProjectorApplication start() {
    ProjectorApplication projector =
        stack.start(
            stack
                .config( // Small batches: many bulk round trips, so that the stop lands mid-stream.
                    Map.of(
                        "PROJECTOR_BATCH_SIZE",
                        "5",
                        "PROJECTOR_SHUTDOWN_GRACE",
                        GRACE.toSeconds() + "s",
                        "PROJECTOR_ACK_WAIT",
                        ACK_WAIT.toSeconds() + "s")));
    stack.readModels.awaitServing();
    return projector;
  }

  private void publishVersions(List<String> products, int fromVersion, int toVersion) {
    for (int version = fromVersion; version <= toVersion; version++) {
      for (String productId : products) {
        long sequence = stream.publish(Events.productEvent(productId, version));
        published.put(sequence, new Published(productId, version));
      }
    }
  }

  /** Every event up to the ack floor has its version (or a newer one) in Elasticsearch. */
  private void assertAckedEventsAreWritten(long ackFloor) {
    for (long sequence = 1; sequence <= ackFloor; sequence++) {
      Published event = published.get(sequence);
      assertThat(stack.readModels.get(ReadModel.PRODUCTS, event.productId(), ProductDocument.class))
          .as("acked event %d", sequence)
          .get()
          .satisfies(
              product -> assertThat(product.version()).isGreaterThanOrEqualTo(event.version()));
    }
  }
}
