package io.cqrsshop.runtime.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks a service's dependencies on a fixed interval and reports "ready" only while all of them
 * answer. Readiness is what load balancers act on; liveness is separate and does not depend on
 * this, so a brief outage of a dependency takes a pod out of rotation without restarting it.
 *
 * <p>Exposes {@code dependency_up{dependency=...}} (1 or 0) per dependency.
 */
public final class ReadinessMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReadinessMonitor.class);

  private final List<DependencyCheck> checks;
  private final Consumer<Boolean> readiness;
  private final Duration interval;
  private final Map<String, Boolean> up = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("readiness").daemon().unstarted(runnable));
  private volatile Boolean lastReady;

  /**
   * @param readiness receives the overall readiness after every round of checks
   */
  public ReadinessMonitor(
      List<DependencyCheck> checks,
      Consumer<Boolean> readiness,
      Duration interval,
      MeterRegistry registry) {
    this.checks = List.copyOf(checks);
    this.readiness = readiness;
    this.interval = interval;
    for (DependencyCheck check : checks) {
      up.put(check.name(), false);
      Gauge.builder("dependency.up", up, map -> map.getOrDefault(check.name(), false) ? 1 : 0)
          .tag("dependency", check.name())
          .description("1 when the dependency answered its last health check")
          .register(registry);
    }
  }

  public ReadinessMonitor start() {
    scheduler.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Runs every check once, now; returns whether all passed. */
  public boolean checkAll() {
    boolean allUp = true;
    for (DependencyCheck check : checks) {
      boolean ok;
      try {
        check.check();
        ok = true;
      } catch (Exception e) {
        ok = false;
        if (!Boolean.FALSE.equals(up.get(check.name())) || lastReady == null) {
          log.warn("dependency {} is down: {}", check.name(), e.toString());
        }
      }
      Boolean previous = up.put(check.name(), ok);
      if (ok && Boolean.FALSE.equals(previous) && lastReady != null) {
        log.info("dependency {} is back", check.name());
      }
      allUp &= ok;
    }
    if (lastReady == null || lastReady != allUp) {
      log.info("readiness: {}", allUp ? "SERVING" : "NOT_SERVING");
    }
    lastReady = allUp;
    readiness.accept(allUp);
    return allUp;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
