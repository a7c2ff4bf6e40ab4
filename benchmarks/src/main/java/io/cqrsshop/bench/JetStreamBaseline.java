package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.CpuMeter;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The relay's raw baseline: the same messages (payloads, sizes, subjects under a scratch prefix)
 * published asynchronously by the harness, as fast as JetStream acknowledges them, to a scratch
 * stream with the relay's stream's settings (read back from the server), deleted afterwards. The
 * set is sent again (with fresh message ids, so that deduplication keeps them) until the
 * measurement has run for {@link #AT_LEAST}: CPU time is counted in 10 ms ticks.
 */
final class JetStreamBaseline {

  /** Publishes in flight at once; enough to keep the server busy without flooding the client. */
  static final int IN_FLIGHT = 1000;

  /** Long enough for CPU ticks and the rate to settle. */
  static final Duration AT_LEAST = Duration.ofSeconds(2);

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final BenchOptions options;
  private final RunNames names;

  JetStreamBaseline(BenchOptions options, RunNames names) {
    this.options = options;
    this.names = names;
  }

  /** Publishes every message, measured from the first send to the last acknowledgement. */
  Measured publish(List<LoggedEvent> events, CpuMeter meter) {
    String stream = "BENCH_" + names.run().toUpperCase(Locale.ROOT);
    String prefix = "bench." + names.run();
    Options connection =
        Options.builder()
            .server(options.natsUrl())
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    try (Connection nats = Nats.connect(connection)) {
      JetStreamManagement streams = nats.jetStreamManagement();
      StreamConfiguration relays = streams.getStreamInfo(options.natsStream()).getConfiguration();
      streams.addStream(
          StreamConfiguration.builder(relays).name(stream).subjects(prefix + ".>").build());
      try {
        return publish(nats.jetStream(), stream, prefix, events, meter);
      } finally {
        streams.deleteStream(stream);
      }
    } catch (IOException | JetStreamApiException e) {
      throw new HarnessException("the raw JetStream baseline failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted during the raw JetStream baseline", e);
    }
  }

  private static Measured publish(
      JetStream jetStream, String stream, String prefix, List<LoggedEvent> events, CpuMeter meter)
      throws InterruptedException {
    Semaphore window = new Semaphore(IN_FLIGHT);
    CpuMeter.Reading start = meter.read();
    long began = System.nanoTime();
    long sent = 0;
    for (int round = 0; sent == 0 || System.nanoTime() - began < AT_LEAST.toNanos(); round++) {
      List<CompletableFuture<PublishAck>> acks = new ArrayList<>(events.size());
      for (LoggedEvent event : events) {
        window.acquire();
        PublishOptions publish =
            PublishOptions.builder()
                .messageId(round == 0 ? event.eventId() : event.eventId() + "#" + round)
                .expectedStream(stream)
                .build();
        CompletableFuture<PublishAck> ack =
            jetStream
                .publishAsync(
                    prefix + "." + event.aggregateType() + "." + event.eventType(),
                    event.payload(),
                    publish)
                .orTimeout(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        ack.whenComplete((published, failure) -> window.release());
        acks.add(ack);
      }
      try {
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
      } catch (CompletionException e) {
        throw new HarnessException("a raw JetStream publish failed: " + e.getCause(), e);
      }
      sent += events.size();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
    return new Measured(sent, elapsed, meter.since(start));
  }
}
