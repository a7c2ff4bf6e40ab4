package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.projector.application.ProjectorMetrics;
import io.cqrsshop.runtime.nats.NatsConnector;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refreshes {@code projector_lag_events} from the durable consumer's pending count. */
public final class ConsumerLagProbe implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLagProbe.class);

  private final NatsConnector nats;
  private final JetStreamDurableConsumer durable;
  private final ProjectorMetrics metrics;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("consumer-lag").daemon().unstarted(runnable));

  public ConsumerLagProbe(
      NatsConnector nats, JetStreamDurableConsumer durable, ProjectorMetrics metrics) {
    this.nats = nats;
    this.durable = durable;
    this.metrics = metrics;
  }

  public ConsumerLagProbe start(Duration interval) {
    scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void refresh() {
    try {
      long pending =
          nats.connected()
              .jetStreamManagement()
              .getConsumerInfo(durable.stream(), durable.name())
              .getNumPending();
      metrics.lagEvents(pending);
    } catch (Exception e) {
      // Readiness reports NATS outages; a missing lag sample is not worth more than debug.
      log.debug("cannot read the consumer's pending count: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
