package io.cqrsshop.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast the projector works off a backlog, which a live burst never gives it (it only sees
 * events as fast as commands commit): the projector is frozen (SIGSTOP) while a burst of {@code
 * --backlog} commands is committed and published, then thawed and timed until its durable consumer
 * has nothing pending and nothing unacknowledged. The consumer is watched through NATS, not the
 * projector's metrics endpoint, so that watching costs the projector nothing.
 */
final class ProjectorCatchUp {

  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(10);

  private final BenchContext context;
  private final Catalog catalog;
  private final MetricsEndpoint relay;

  ProjectorCatchUp(BenchContext context, Catalog catalog) {
    this.context = context;
    this.catalog = catalog;
    this.relay = new MetricsEndpoint(context.options().commandMetrics());
  }

  /** The backlog's events, the time from thawing until all were acknowledged, and the costs. */
  record Result(Measured measured, long notOk) {}

  Result run() {
    BenchOptions options = context.options();
    new PipelineIdle(context).await();
    double published = published();
    Long pid =
        new StackProcesses(context.proc(), options.stateDir())
            .locate()
            .pids()
            .get(Component.PROJECTOR);
    if (pid == null) {
      throw new HarnessException("cannot find the projector's process to freeze it");
    }
    try (Connection nats =
        Nats.connect(
            Options.builder()
                .server(options.natsUrl())
                .connectionTimeout(Duration.ofSeconds(5))
                .build())) {
      JetStreamManagement streams = nats.jetStreamManagement();
      StatsBook stats = new StatsBook();
      CpuMeter.Reading start;
      long thawed;
      long committed;
      try (Suspension frozen =
          Suspension.freeze(context.proc(), Map.of(Component.PROJECTOR, pid), context.out())) {
        StockBurst.send(context, catalog, options.backlog(), stats);
        committed = stats.of("AdjustProductStock").snapshot().ok();
        awaitPublished(published + committed);
        start = context.meter().read();
        thawed = System.nanoTime();
      }
      awaitConsumerDone(streams);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - thawed);
      Costs costs = context.meter().since(start);
      RpcSnapshot commands = stats.of("AdjustProductStock").snapshot();
      return new Result(
          new Measured(committed, elapsed, costs),
          commands.rejectedCount() + commands.failedCount());
    } catch (IOException | JetStreamApiException e) {
      throw new HarnessException("watching the projector's consumer failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while the projector caught up", e);
    }
  }

  private void awaitPublished(double target) {
    long giveUp = System.nanoTime() + LIMIT.toNanos();
    while (published() < target) {
      if (System.nanoTime() > giveUp) {
        throw new HarnessException(
            "the relay did not publish the burst within " + LIMIT.toSeconds() + " s");
      }
      LockSupport.parkNanos(PipelineSampler.INTERVAL.toNanos());
    }
  }

  private void awaitConsumerDone(JetStreamManagement streams)
      throws IOException, JetStreamApiException {
    long giveUp = System.nanoTime() + LIMIT.toNanos();
    while (true) {
      ConsumerInfo consumer =
          streams.getConsumerInfo(context.options().natsStream(), context.options().natsConsumer());
      if (consumer.getNumPending() == 0 && consumer.getNumAckPending() == 0) {
        return;
      }
      if (System.nanoTime() > giveUp) {
        throw new HarnessException(
            "the projector did not catch up within "
                + LIMIT.toSeconds()
                + " s: "
                + consumer.getNumPending()
                + " pending, "
                + consumer.getNumAckPending()
                + " unacknowledged");
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  private double published() {
    return relay
        .scrape()
        .sum(PipelineSampler.PUBLISHED)
        .orElseThrow(() -> new HarnessException("no metric " + PipelineSampler.PUBLISHED));
  }
}
