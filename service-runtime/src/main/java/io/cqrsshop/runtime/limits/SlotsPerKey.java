package io.cqrsshop.runtime.limits;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code limit} slots held at once per key, such as calls in flight per caller. Counts are
 * changed atomically per key ({@link ConcurrentHashMap#compute}), so two takers racing for the last
 * slot never both get it; a key leaves the map with its last slot, so that callers seen once do not
 * accumulate.
 */
public final class SlotsPerKey {

  private final int limit;
  private final Map<String, Integer> held = new ConcurrentHashMap<>();

  public SlotsPerKey(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }

  /** A slot for {@code key}; empty when the key holds {@code limit} already. */
  public Optional<Slot> tryTake(String key) {
    boolean[] taken = {false};
    held.compute(
        key,
        (k, count) -> {
          int now = count == null ? 0 : count;
          if (now >= limit) {
            return count;
          }
          taken[0] = true;
          return now + 1;
        });
    return taken[0] ? Optional.of(new Slot(key)) : Optional.empty();
  }

  /** Slots {@code key} holds now. */
  public int held(String key) {
    return held.getOrDefault(key, 0);
  }

  /** Slots held now over every key. */
  public int total() {
    return held.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** One slot taken; closing it gives it back, once however often it is closed. */
  public final class Slot implements AutoCloseable {

    private final String key;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(String key) {
      this.key = key;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        held.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
      }
    }
  }
}
