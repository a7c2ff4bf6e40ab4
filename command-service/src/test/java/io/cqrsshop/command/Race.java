package io.cqrsshop.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs calls on parallel threads released at the same instant, and collects what each got. */
final class Race {

  /** What one racer got: a value or a failure. */
  record Attempt<T>(T value, Throwable failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  private Race() {}

  static <T> List<Attempt<T>> run(int racers, IntFunction<T> call) {
    CyclicBarrier start = new CyclicBarrier(racers);
    try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
      List<Future<Attempt<T>>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        int racer = i;
        futures.add(
            threads.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  try {
                    return new Attempt<>(call.apply(racer), null);
                  } catch (RuntimeException e) {
                    return new Attempt<T>(null, e);
                  }
                }));
      }
      List<Attempt<T>> attempts = new ArrayList<>();
      for (Future<Attempt<T>> future : futures) {
        attempts.add(future.get(2, TimeUnit.MINUTES));
      }
      return attempts;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a racer did not finish", e);
    }
  }
}
