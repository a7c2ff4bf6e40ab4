package io.cqrsshop.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs the same step on several threads, each a closed-loop client (the next call starts when the
 * previous one answered), until a time limit or a stop condition.
 */
public final class Workers {

  /** One iteration of one client. */
  @FunctionalInterface
  public interface Step {
    void run(SplittableRandom random);
  }

  private Workers() {}

  /**
   * Runs {@code step} on {@code clients} threads until {@code limit} has passed or {@code done}
   * holds, and returns how long they ran. A step that throws stops every client and is rethrown.
   */
  public static Duration run(int clients, Duration limit, BooleanSupplier done, Step step) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    SplittableRandom seeds = new SplittableRandom();
    for (int i = 0; i < clients; i++) {
      SplittableRandom random = seeds.split();
      threads.add(
          Thread.ofPlatform()
              .name("bench-client-" + i)
              .start(
                  () -> {
                    try {
                      while (System.nanoTime() < deadline
                          && failure.get() == null
                          && !done.getAsBoolean()) {
                        step.run(random);
                      }
                    } catch (RuntimeException e) {
                      failure.compareAndSet(null, e);
                    }
                  }));
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HarnessException("interrupted while the clients ran", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Runs until {@code limit} has passed. */
  public static Duration run(int clients, Duration limit, Step step) {
    return run(clients, limit, () -> false, step);
  }
}
