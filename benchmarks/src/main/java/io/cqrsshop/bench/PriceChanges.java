package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceResponse;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * ChangeProductPrice at a fixed rate, round the products in turn, from a few threads until stopped:
 * the steady stream of writes the watches follow. Open loop: each thread keeps to its schedule
 * whatever the answers take, so a slow command-service shows as latency, not as fewer writes. Each
 * answer's arrival goes to the {@link UpdateLatency}; the newest version of each product is kept,
 * so that the watchers can be checked against it.
 */
final class PriceChanges implements AutoCloseable {

  private final ShopClients clients;
  private final RunNames names;
  private final List<String> productIds;
  private final UpdateLatency latency;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong late = new AtomicLong();
  private final Map<String, Long> newest = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;

  private PriceChanges(
      ShopClients clients, RunNames names, List<String> productIds, UpdateLatency latency) {
    this.clients = clients;
    this.names = names;
    this.productIds = List.copyOf(productIds);
    this.latency = latency;
  }

  /** Starts {@code threads} writers that together send {@code perSecond} commands a second. */
  static PriceChanges start(
      ShopClients clients,
      RunNames names,
      List<String> productIds,
      UpdateLatency latency,
      int perSecond,
      int threads) {
    PriceChanges writes = new PriceChanges(clients, names, productIds, latency);
    long period = 1_000_000_000L * threads / perSecond;
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      // Staggered, so that the threads' writes interleave evenly.
      long first = start + period * i / threads;
      writes.threads.add(
          Thread.ofPlatform()
              .name("bench-watch-writer-" + i)
              .start(() -> writes.loop(first, period)));
    }
    return writes;
  }

  private void loop(long first, long period) {
    long due = first;
    while (!stopped) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      if (-wait > period) {
        late.incrementAndGet();
      }
      write(productIds.get((int) (next.getAndIncrement() % productIds.size())));
      due += period;
    }
  }

  private void write(String productId) {
    try {
      ChangeProductPriceResponse response =
          clients
              .commands()
              .changeProductPrice(
                  ChangeProductPriceRequest.newBuilder()
                      .setRequestId(names.requestId())
                      .setProductId(productId)
                      .setPrice(Seeder.euros(1000 + next.get() % 90_000))
                      .build());
      latency.answered(productId, response.getVersion(), System.nanoTime());
      newest.merge(productId, response.getVersion(), Math::max);
    } catch (StatusRuntimeException e) {
      failed.incrementAndGet();
    }
  }

  /** The newest version of each product a write was answered with. */
  Map<String, Long> newest() {
    return Map.copyOf(newest);
  }

  /** Writes sent so far. */
  long sent() {
    return next.get();
  }

  /** Writes that did not answer OK. */
  long failed() {
    return failed.get();
  }

  /** Writes sent more than one period behind their schedule (the writers could not keep up). */
  long late() {
    return late.get();
  }

  /** Stops the writers and waits for their last commands to answer. */
  @Override
  public void close() {
    stopped = true;
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HarnessException("interrupted while the writers stopped", e);
      }
    }
  }
}
