package io.cqrsshop.projector.application;

import io.cqrsshop.readmodel.PhysicalIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ProjectionLoop} per live index of the versions this build writes, each on its own
 * thread and its index's own consumer. {@link ReadModelLifecycle} tells it on every tick which
 * indices are live; an index that is no longer live (retired by a newer rebuild of its version, or
 * deleted) has its loop finish its batch and end.
 */
public final class LiveProjections {

  private static final Logger log = LoggerFactory.getLogger(LiveProjections.class);

  /** Makes the loop of an index, reading from a source of its consumer. */
  @FunctionalInterface
  public interface Loops {
    ProjectionLoop create(PhysicalIndex index, EventSource source);
  }

  private final Function<PhysicalIndex, EventSource> sources;
  private final Loops loops;
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  public LiveProjections(Function<PhysicalIndex, EventSource> sources, Loops loops) {
    this.sources = sources;
    this.loops = loops;
  }

  /** Starts a loop for each index of {@code live} without one, and retires the others. */
  public synchronized void reconcile(Collection<PhysicalIndex> live) {
    Set<String> wanted = live.stream().map(PhysicalIndex::name).collect(Collectors.toSet());
    running
        .entrySet()
        .removeIf(
            entry -> {
              boolean gone = !wanted.contains(entry.getKey()) || !entry.getValue().isAlive();
              if (gone && entry.getValue().isAlive()) {
                log.info("{} is no longer live: its projection ends", entry.getKey());
                entry.getValue().loop().retire();
              }
              return gone;
            });
    startMissing(live);
  }

  /** Starts a loop for each of {@code live} without one, retiring none (see {@link #reconcile}). */
  public synchronized void startMissing(Collection<PhysicalIndex> live) {
    for (PhysicalIndex index : live) {
      running.computeIfAbsent(index.name(), name -> start(index, sources.apply(index)));
    }
  }

  /**
   * Starts the loop of an index that a rebuild just swapped in, on the rebuild's own source: the
   * pull it has open on the consumer goes on serving the live projection, so nothing it holds has
   * to be handed back and delivered again.
   *
   * @return false when a loop of the index runs already; the caller then closes its source
   */
  public synchronized boolean takeOver(PhysicalIndex index, EventSource source) {
    if (running.containsKey(index.name()) && running.get(index.name()).isAlive()) {
      return false;
    }
    running.put(index.name(), start(index, source));
    return true;
  }

  private Running start(PhysicalIndex index, EventSource source) {
    ProjectionLoop loop = loops.create(index, source);
    Thread thread = Thread.ofPlatform().name("projection-" + index.name()).start(loop);
    return new Running(loop, thread);
  }

  /** The indices projected now. */
  public Set<String> indices() {
    return Set.copyOf(running.keySet());
  }

  /** Waits for every loop to end (they end on the stop signal); false if one is still busy. */
  public boolean awaitEnded(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    for (Running loop : List.copyOf(running.values())) {
      long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
      loop.thread().join(left);
    }
    return running.values().stream().noneMatch(Running::isAlive);
  }

  private record Running(ProjectionLoop loop, Thread thread) {
    boolean isAlive() {
      return thread.isAlive();
    }
  }
}
