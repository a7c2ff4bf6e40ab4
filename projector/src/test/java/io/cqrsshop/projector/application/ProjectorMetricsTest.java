package io.cqrsshop.projector.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectorMetricsTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProjectorMetrics metrics =
      new ProjectorMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void lagSeconds_eventsWaiting_isAgeOfNewestAppliedEvent() {
    metrics.applied(io.cqrsshop.readmodel.ReadModel.PRODUCTS, Optional.of(NOW.minusSeconds(90)));
    metrics.applied(io.cqrsshop.readmodel.ReadModel.PRODUCTS, Optional.of(NOW.minusSeconds(30)));
    metrics.applied(io.cqrsshop.readmodel.ReadModel.PRODUCTS, Optional.of(NOW.minusSeconds(60)));
    metrics.lagEvents(12);

    assertThat(gauge("projector.lag.seconds")).isEqualTo(30.0);
    assertThat(gauge("projector.lag.events")).isEqualTo(12.0);
  }

  @Test
  void lagSeconds_nothingWaiting_isZeroHoweverOldTheLastEvent() {
    metrics.applied(io.cqrsshop.readmodel.ReadModel.PRODUCTS, Optional.of(NOW.minusSeconds(3600)));
    metrics.lagEvents(0);

    assertThat(gauge("projector.lag.seconds")).isZero();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }
}
