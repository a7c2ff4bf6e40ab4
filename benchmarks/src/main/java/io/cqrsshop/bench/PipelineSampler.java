package io.cqrsshop.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Scrapes the relay's and the projector's metrics every {@link #INTERVAL} on its own thread, so the
 * timeline of the pipeline scenario covers the burst as well as the drain after it.
 */
public final class PipelineSampler implements AutoCloseable {

  public static final String PUBLISHED = "relay_events_published_total";
  public static final String BACKLOG = "relay_backlog_events";
  public static final String APPLIED = "projector_events_applied_total";
  public static final String LAG = "projector_lag_events";
  static final String HISTORY = "read_model=\"history\"";
  public static final Duration INTERVAL = Duration.ofMillis(100);

  private final MetricsEndpoint relay;
  private final MetricsEndpoint projector;
  private final long start;
  private final List<PipelineSample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  PipelineSampler(MetricsEndpoint relay, MetricsEndpoint projector, long start) {
    this.relay = relay;
    this.projector = projector;
    this.start = start;
    this.thread = Thread.ofPlatform().name("pipeline-sampler").daemon().start(this::loop);
  }

  /** Takes one sample now, on the caller's thread. */
  static PipelineSample sample(MetricsEndpoint relay, MetricsEndpoint projector, long start) {
    PrometheusText relayText = relay.scrape();
    PrometheusText projectorText = projector.scrape();
    return new PipelineSample(
        System.nanoTime() - start,
        required(relayText, PUBLISHED, relay),
        required(relayText, BACKLOG, relay),
        // The history shows every event, so its count is the number of events projected.
        projectorText
            .sum(APPLIED, HISTORY)
            .orElseThrow(
                () -> new HarnessException("no metric " + APPLIED + " at " + projector.uri())),
        required(projectorText, LAG, projector));
  }

  private static double required(PrometheusText text, String metric, MetricsEndpoint endpoint) {
    return text.sum(metric)
        .orElseThrow(() -> new HarnessException("no metric " + metric + " at " + endpoint.uri()));
  }

  private void loop() {
    try {
      while (running) {
        PipelineSample sample = sample(relay, projector, start);
        synchronized (samples) {
          samples.add(sample);
        }
        LockSupport.parkNanos(INTERVAL.toNanos());
      }
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** The samples so far; rethrows what stopped the sampler, if anything did. */
  List<PipelineSample> samples() {
    if (failure != null) {
      throw failure;
    }
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
