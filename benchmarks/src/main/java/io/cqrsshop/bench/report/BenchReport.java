package io.cqrsshop.bench.report;

import io.cqrsshop.bench.BenchOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, collected as the scenarios go, for the {@code --json} output: the
 * phases, the comparisons with their baselines, the watch scenario's spread and memory, and the
 * correctness checks.
 */
public final class BenchReport {

  private final String run;
  private final Instant startedAt;
  private final BenchOptions options;
  private final int cpus;
  private final List<Phase> phases = new ArrayList<>();
  private final List<Comparison> comparisons = new ArrayList<>();
  private final Map<String, Boolean> checks = new LinkedHashMap<>();
  private final List<WatchResult> watches = new ArrayList<>();
  private boolean finished;

  public BenchReport(String run, Instant startedAt, BenchOptions options, int cpus) {
    this.run = run;
    this.startedAt = startedAt;
    this.options = options;
    this.cpus = cpus;
  }

  public synchronized Phase add(Phase phase) {
    phases.add(phase);
    return phase;
  }

  public synchronized Comparison add(Comparison comparison) {
    comparisons.add(comparison);
    return comparison;
  }

  public synchronized WatchResult add(WatchResult watch) {
    watches.add(watch);
    return watch;
  }

  public synchronized void check(String name, boolean passed) {
    checks.put(name, passed);
  }

  /** Marks the run as complete; a report without it was cut short by a failure. */
  public synchronized void finish() {
    finished = true;
  }

  String run() {
    return run;
  }

  Instant startedAt() {
    return startedAt;
  }

  BenchOptions options() {
    return options;
  }

  int cpus() {
    return cpus;
  }

  synchronized List<Phase> phases() {
    return List.copyOf(phases);
  }

  synchronized List<Comparison> comparisons() {
    return List.copyOf(comparisons);
  }

  synchronized List<WatchResult> watches() {
    return List.copyOf(watches);
  }

  synchronized Map<String, Boolean> checks() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }

  synchronized boolean finished() {
    return finished;
  }
}
