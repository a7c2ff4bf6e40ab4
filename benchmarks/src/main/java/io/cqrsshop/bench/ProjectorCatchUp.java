package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.Component;
import io.cqrsshop.bench.proc.Costs;
import io.cqrsshop.bench.proc.CpuMeter;
import io.cqrsshop.bench.proc.StackProcesses;
import io.cqrsshop.bench.proc.Suspension;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateType;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast the projector works off a backlog, which a live burst never gives it (it only sees
 * events as fast as commands commit): the projector is frozen (SIGSTOP) while a burst of {@code
 * --backlog} commands is committed and published, then thawed and timed until it has acknowledged
 * every one of those events, which it does only once their documents are written.
 *
 * <p>Each product event is acknowledged once by the consumer of each index it feeds (the catalog
 * and the history, see {@code ReadModel.fedBy}). The acknowledgements are counted by listening on
 * the ack subjects of the projector's consumers ({@code $JS.ACK.<stream>.<prefix>_<index>.>}),
 * which costs the server one more delivery per ack. Polling the consumer's info instead would not
 * do: on a server of 2.9 each call counts the pending messages by walking the stream, and on a long
 * stream that made nats-server the busiest process.
 */
final class ProjectorCatchUp {

  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(5);

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
    AtomicLong acks = new AtomicLong();
    AtomicLong target = new AtomicLong(Long.MAX_VALUE);
    AtomicLong doneAt = new AtomicLong();
    try (Connection nats =
        Nats.connect(
            Options.builder()
                .server(options.natsUrl())
                .connectionTimeout(Duration.ofSeconds(5))
                .build())) {
      String ours = "$JS.ACK." + options.natsStream() + "." + options.natsConsumer() + "_";
      Dispatcher dispatcher =
          nats.createDispatcher(
              ack -> {
                if (ack.getSubject().startsWith(ours) && acks.incrementAndGet() >= target.get()) {
                  doneAt.compareAndSet(0, System.nanoTime());
                }
              });
      dispatcher.subscribe("$JS.ACK." + options.natsStream() + ".>");
      nats.flush(Duration.ofSeconds(5));
      StatsBook stats = new StatsBook();
      CpuMeter.Reading start;
      long thawed;
      long committed;
      try (Suspension frozen =
          Suspension.freeze(context.proc(), Map.of(Component.PROJECTOR, pid), context.out())) {
        StockBurst.send(context, catalog, options.backlog(), stats);
        committed = stats.of("AdjustProductStock").snapshot().ok();
        awaitPublished(published + committed);
        acks.set(0);
        target.set(committed * ReadModel.fedBy(AggregateType.PRODUCT).size());
        start = context.meter().read();
        thawed = System.nanoTime();
      }
      long giveUp = thawed + LIMIT.toNanos();
      while (doneAt.get() == 0) {
        if (System.nanoTime() > giveUp) {
          throw new HarnessException(
              "the projector acknowledged "
                  + acks.get()
                  + " of "
                  + committed
                  + " events within "
                  + LIMIT.toSeconds()
                  + " s of thawing");
        }
        LockSupport.parkNanos(POLL.toNanos());
      }
      Duration elapsed = Duration.ofNanos(doneAt.get() - thawed);
      Costs costs = context.meter().since(start);
      RpcSnapshot commands = stats.of("AdjustProductStock").snapshot();
      return new Result(
          new Measured(committed, elapsed, costs),
          commands.rejectedCount() + commands.failedCount());
    } catch (IOException | TimeoutException e) {
      throw new HarnessException("listening to the projector's acknowledgements failed: " + e, e);
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
            "the relay did not publish the backlog within " + LIMIT.toSeconds() + " s");
      }
      LockSupport.parkNanos(PipelineSampler.INTERVAL.toNanos());
    }
  }

  private double published() {
    return relay
        .scrape()
        .sum(PipelineSampler.PUBLISHED)
        .orElseThrow(() -> new HarnessException("no metric " + PipelineSampler.PUBLISHED));
  }
}
