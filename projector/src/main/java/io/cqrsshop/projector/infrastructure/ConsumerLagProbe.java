package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.projector.application.ProjectorMetrics;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.nats.client.JetStreamManagement;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes {@code projector_lag_events}: the events not yet delivered, summed over the consumers
 * of the indices this projector keeps live.
 */
public final class ConsumerLagProbe implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLagProbe.class);

  private final NatsConnector nats;
  private final String stream;
  private final Supplier<Collection<String>> consumers;
  private final ProjectorMetrics metrics;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("consumer-lag").daemon().unstarted(runnable));

  public ConsumerLagProbe(
      NatsConnector nats,
      String stream,
      Supplier<Collection<String>> consumers,
      ProjectorMetrics metrics) {
    this.nats = nats;
    this.stream = stream;
    this.consumers = consumers;
    this.metrics = metrics;
  }

  public ConsumerLagProbe start(Duration interval) {
    scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void refresh() {
    try {
      JetStreamManagement management = nats.connected().jetStreamManagement();
      long pending = 0;
      for (String consumer : consumers.get()) {
        pending += management.getConsumerInfo(stream, consumer).getNumPending();
      }
      metrics.lagEvents(pending);
    } catch (Exception e) {
      // Readiness reports NATS outages; a missing lag sample is not worth more than debug.
      log.debug("cannot read the consumers' pending counts: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
