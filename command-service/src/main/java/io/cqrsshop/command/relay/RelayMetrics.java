package io.cqrsshop.command.relay;

import io.cqrsshop.command.relay.outbox.PendingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What operators watch to know the relay keeps up: backlog, latency, leadership, failures. */
final class RelayMetrics {

  private final Counter published;
  private final Counter failures;
  private final Counter setAside;
  private final AtomicLong waitingForOperator = new AtomicLong();
  private final Timer latency;
  private final AtomicInteger leader = new AtomicInteger();
  private final AtomicLong backlog = new AtomicLong();

  RelayMetrics(MeterRegistry registry) {
    published =
        Counter.builder("relay.events.published")
            .description("Events acknowledged by JetStream and marked published")
            .register(registry);
    failures =
        Counter.builder("relay.publish.failures")
            .description("Relay rounds that failed and were retried after a back-off")
            .register(registry);
    setAside =
        Counter.builder("relay.events.set.aside")
            .description("Events that could never be published and were set aside")
            .register(registry);
    Gauge.builder("relay.set.aside.events", waitingForOperator, AtomicLong::get)
        .description("Events set aside and not yet put back, refreshed every few seconds")
        .register(registry);
    latency =
        Timer.builder("relay.publish.latency")
            .description("Time from an event's commit to its acknowledgement by JetStream")
            .register(registry);
    Gauge.builder("relay.leader", leader, AtomicInteger::get)
        .description("1 while this replica's relay holds the publishing lock")
        .register(registry);
    Gauge.builder("relay.backlog.events", backlog, AtomicLong::get)
        .description("Committed events not yet published, refreshed every few seconds")
        .register(registry);
  }

  void published(PendingEvent event, Instant ackedAt) {
    published.increment();
    // Clocks of replicas may disagree slightly; a negative latency means "immediately".
    Duration elapsed = Duration.between(event.occurredAt(), ackedAt);
    latency.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
  }

  void setAside() {
    setAside.increment();
  }

  void waitingForOperator(long events) {
    waitingForOperator.set(events);
  }

  void failed() {
    failures.increment();
  }

  void leader(boolean leading) {
    leader.set(leading ? 1 : 0);
  }

  void backlog(long events) {
    backlog.set(events);
  }
}
