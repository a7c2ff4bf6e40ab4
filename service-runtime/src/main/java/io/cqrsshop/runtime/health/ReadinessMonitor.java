package io.cqrsshop.runtime.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Logs what an operator needs: at start-up, a dependency that has never answered yet is being
 * waited for (INFO; WARN once it keeps the service waiting for {@value #PATIENCE_SECONDS} s), a
 * dependency that was up and fails is down (WARN), and one that answers again is back (INFO).
 * Exposes {@code dependency_up{dependency=...}} (1 or 0) per dependency.
 */
public final class ReadinessMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReadinessMonitor.class);
  private static final long PATIENCE_SECONDS = 60;

  private final List<DependencyCheck> checks;
  private final Consumer<Boolean> readiness;
  private final Duration interval;
  private final Clock clock;
  private final Map<String, DependencyState> states = new LinkedHashMap<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("readiness").daemon().unstarted(runnable));
  private Boolean lastReady;

  /**
   * @param readiness receives the overall readiness after every round of checks
   */
  public ReadinessMonitor(
      List<DependencyCheck> checks,
      Consumer<Boolean> readiness,
      Duration interval,
      MeterRegistry registry) {
    this(checks, readiness, interval, registry, Clock.systemUTC());
  }

  ReadinessMonitor(
      List<DependencyCheck> checks,
      Consumer<Boolean> readiness,
      Duration interval,
      MeterRegistry registry,
      Clock clock) {
    this.checks = List.copyOf(checks);
    this.readiness = readiness;
    this.interval = interval;
    this.clock = clock;
    for (DependencyCheck check : checks) {
      DependencyState state = new DependencyState();
      states.put(check.name(), state);
      Gauge.builder("dependency.up", state, s -> s.up ? 1 : 0)
          .tag("dependency", check.name())
          .description("1 when the dependency answered its last health check")
          .register(registry);
    }
  }

  /**
   * Checks on the interval from now on; at once, unless a round has just run through {@link
   * #checkAll()}.
   */
  public synchronized ReadinessMonitor start() {
    long firstDelay = lastReady == null ? 0 : interval.toMillis();
    scheduler.scheduleWithFixedDelay(
        this::checkAll, firstDelay, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Runs every check once, now; returns whether all passed. */
  public synchronized boolean checkAll() {
    boolean allUp = true;
    for (DependencyCheck check : checks) {
      allUp &= checkOne(check, states.get(check.name()));
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

  private boolean checkOne(DependencyCheck check, DependencyState state) {
    try {
      check.check();
    } catch (Exception e) {
      failed(check.name(), state, e);
      return false;
    }
    if (!state.up && state.everUp) {
      log.info("dependency {} is back", check.name());
    } else if (!state.up && state.waitingSince != null) {
      log.info("dependency {} is up", check.name());
    }
    state.up = true;
    state.everUp = true;
    return true;
  }

  private void failed(String name, DependencyState state, Exception cause) {
    boolean wasUp = state.up;
    state.up = false;
    if (wasUp) {
      log.warn("dependency {} is down: {}", name, cause.toString());
    } else if (state.everUp) {
      return;
    } else if (state.waitingSince == null) {
      // Background connections may simply not be made yet: not worth a warning at start-up.
      state.waitingSince = clock.instant();
      log.info("waiting for {}: {}", name, cause.toString());
    } else if (!state.impatient
        && Duration.between(state.waitingSince, clock.instant()).toSeconds() >= PATIENCE_SECONDS) {
      state.impatient = true;
      log.warn(
          "dependency {} has still not answered, {} s after the first check: {}",
          name,
          PATIENCE_SECONDS,
          cause.toString());
    }
  }

  /** What the monitor knows of one dependency; touched only under the monitor's lock. */
  private static final class DependencyState {
    volatile boolean up;
    boolean everUp;
    Instant waitingSince;
    boolean impatient;
  }
}
