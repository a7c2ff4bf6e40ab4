package io.cqrsshop.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReadinessMonitorTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(ReadinessMonitor.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Boolean> readiness = new ArrayList<>();
  private final SettableClock clock = new SettableClock();
  private final SwitchableCheck nats = new SwitchableCheck();
  private ReadinessMonitor monitor;

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
    monitor =
        new ReadinessMonitor(List.of(nats), readiness::add, Duration.ofSeconds(1), registry, clock);
  }

  @AfterEach
  void releaseLogs() {
    monitor.close();
    logger.detachAppender(logs);
  }

  @Test
  void checkAll_dependencyNotUpYetAtStartUp_saysOnceAtInfoThatItWaits() {
    monitor.checkAll();
    monitor.checkAll();

    assertThat(dependencyLogs()).containsExactly(tuple(Level.INFO, "waiting for nats: " + DOWN));
    assertThat(readiness).containsExactly(false, false);
  }

  @Test
  void checkAll_upAfterWaiting_saysItIsUpAtInfo() {
    monitor.checkAll();
    nats.up = true;

    monitor.checkAll();

    assertThat(dependencyLogs())
        .containsExactly(
            tuple(Level.INFO, "waiting for nats: " + DOWN),
            tuple(Level.INFO, "dependency nats is up"));
    assertThat(readiness).containsExactly(false, true);
    assertThat(registry.get("dependency.up").tag("dependency", "nats").gauge().value())
        .isEqualTo(1);
  }

  @Test
  void checkAll_upThenDownThenBack_warnsOnceForTheOutageAndSaysWhenItIsBack() {
    nats.up = true;
    monitor.checkAll();
    nats.up = false;
    monitor.checkAll();
    monitor.checkAll();
    nats.up = true;

    monitor.checkAll();

    assertThat(dependencyLogs())
        .containsExactly(
            tuple(Level.WARN, "dependency nats is down: " + DOWN),
            tuple(Level.INFO, "dependency nats is back"));
    assertThat(readiness).containsExactly(true, false, false, true);
  }

  @Test
  void checkAll_neverUpForLongerThanThePatience_warnsOnce() {
    monitor.checkAll();
    clock.advance(Duration.ofSeconds(61));

    monitor.checkAll();
    monitor.checkAll();

    assertThat(dependencyLogs())
        .extracting(tuple -> tuple.toList().get(0))
        .containsExactly(Level.INFO, Level.WARN);
  }

  private static final String DOWN = "java.io.IOException: connection refused";

  /** The monitor's lines about the dependency; the overall readiness lines are left out. */
  private List<org.assertj.core.groups.Tuple> dependencyLogs() {
    return logs.list.stream()
        .filter(event -> !event.getFormattedMessage().startsWith("readiness:"))
        .map(event -> tuple(event.getLevel(), event.getFormattedMessage()))
        .toList();
  }

  private static final class SwitchableCheck implements DependencyCheck {
    volatile boolean up;

    @Override
    public String name() {
      return "nats";
    }

    @Override
    public void check() throws IOException {
      if (!up) {
        throw new IOException("connection refused");
      }
    }
  }

  private static final class SettableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
