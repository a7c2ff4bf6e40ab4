package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.proto.v1.WatchProductRequest;
import io.cqrsshop.proto.v1.WatchProductResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Many WatchProduct streams held open on QueryService at once, spread over the products in turn and
 * over channels of their own (query-service bounds the watches of one connection): each stream's
 * first message (the current state) counts as started, every later one goes to the {@link
 * UpdateLatency}. Messages are handled on the channels' event loops, so that the harness adds no
 * queue of its own to the figures.
 */
final class OpenWatches implements AutoCloseable {

  /** Watches opened but not yet started at once, so that the opening does not flood the service. */
  private static final int OPENING_AT_ONCE = 200;

  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<String> watched = new ArrayList<>();
  private final AtomicReferenceArray<Long> seen;
  private final CountDownLatch started;
  private final Semaphore opening = new Semaphore(OPENING_AT_ONCE);
  private final AtomicReference<StatusRuntimeException> refused = new AtomicReference<>();
  private final AtomicLong ended = new AtomicLong();
  private final UpdateLatency latency;

  private OpenWatches(int count, UpdateLatency latency) {
    this.seen = new AtomicReferenceArray<>(count);
    this.started = new CountDownLatch(count);
    this.latency = latency;
  }

  /**
   * Opens {@code count} watches of {@code products} (in turn, each readable already: a watch opened
   * with a consistency token would count against the caller's few consistency waits), {@code
   * perChannel} on each channel to {@code target}, and waits until each has sent its first message.
   *
   * @throws HarnessException when the service refused a watch or they did not all start in time
   */
  static OpenWatches open(
      String target,
      List<Written> products,
      int count,
      int perChannel,
      UpdateLatency latency,
      Duration limit) {
    OpenWatches watches = new OpenWatches(count, latency);
    try {
      watches.start(target, products, count, perChannel, limit);
    } catch (RuntimeException e) {
      watches.close();
      throw e;
    }
    return watches;
  }

  private void start(
      String target, List<Written> products, int count, int perChannel, Duration limit) {
    long giveUp = System.nanoTime() + limit.toNanos();
    QueryServiceGrpc.QueryServiceStub stub = null;
    for (int i = 0; i < count; i++) {
      if (i % perChannel == 0) {
        ManagedChannel channel =
            ManagedChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
        channels.add(channel);
        stub = QueryServiceGrpc.newStub(channel);
      }
      Written product = products.get(i % products.size());
      watched.add(product.id());
      awaitOpeningSlot(giveUp);
      stub.watchProduct(
          WatchProductRequest.newBuilder().setProductId(product.id()).build(),
          new Watcher(i, product.id()));
    }
    awaitStarted(giveUp);
  }

  private void awaitOpeningSlot(long giveUp) {
    try {
      while (!opening.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        failIfRefused();
        if (System.nanoTime() > giveUp) {
          throw new HarnessException(
              "the watches did not start in time: " + started.getCount() + " still waiting");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while opening watches", e);
    }
    failIfRefused();
  }

  private void awaitStarted(long giveUp) {
    try {
      while (!started.await(100, TimeUnit.MILLISECONDS)) {
        failIfRefused();
        if (System.nanoTime() > giveUp) {
          throw new HarnessException(
              "the watches did not start in time: "
                  + started.getCount()
                  + " of "
                  + seen.length()
                  + " still waiting for their first message");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while opening watches", e);
    }
    failIfRefused();
  }

  private void failIfRefused() {
    StatusRuntimeException e = refused.get();
    if (e == null) {
      return;
    }
    boolean tooMany =
        switch (CallOutcome.of(e)) {
          case CallOutcome.Failed failed -> failed.reason().equals("TOO_MANY_WATCHES");
          default -> false;
        };
    String hint =
        tooMany
            ? ". query-service bounds the watches of one caller (QUERY_MAX_WATCHES_PER_CALLER,"
                + " default 1000; the harness is one caller) and of one connection"
                + " (QUERY_MAX_WATCHES_PER_CONNECTION): restart it with room for them all, e.g."
                + " 'QUERY_MAX_WATCHES_PER_CALLER=20000 ./dev restart query-service'"
            : "";
    throw new HarnessException(
        "query-service refused a watch: " + CallOutcome.describe(e) + hint, e);
  }

  /** Channels the watches were spread over. */
  int channels() {
    return channels.size();
  }

  /** Streams that ended (with an error or by the server) after they had started. */
  long ended() {
    return ended.get();
  }

  /**
   * Waits until every watcher has seen at least the newest version of its product, or {@code limit}
   * has passed; returns how many had not.
   */
  long awaitCurrent(Map<String, Long> newest, Duration limit) {
    long giveUp = System.nanoTime() + limit.toNanos();
    long behind;
    do {
      behind = behind(newest);
      if (behind == 0) {
        return 0;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    } while (System.nanoTime() < giveUp);
    return behind;
  }

  private long behind(Map<String, Long> newest) {
    long behind = 0;
    for (int i = 0; i < seen.length(); i++) {
      Long version = seen.get(i);
      long wanted = newest.getOrDefault(watched.get(i), 0L);
      if (version == null || version < wanted) {
        behind++;
      }
    }
    return behind;
  }

  /** Cancels every watch and closes the channels. */
  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    for (ManagedChannel channel : channels) {
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One stream. */
  private final class Watcher implements StreamObserver<WatchProductResponse> {

    private final int index;
    private final String productId;
    private boolean first = true;

    Watcher(int index, String productId) {
      this.index = index;
      this.productId = productId;
    }

    @Override
    public void onNext(WatchProductResponse message) {
      long now = System.nanoTime();
      long version = message.getProduct().getVersion();
      seen.set(index, version);
      if (first) {
        first = false;
        started.countDown();
        opening.release();
        return;
      }
      latency.received(productId, version, now);
    }

    @Override
    public void onError(Throwable t) {
      if (first) {
        // A refusal is the run's failure; a cancellation at close is not.
        if (t instanceof StatusRuntimeException e
            && e.getStatus().getCode() != Status.Code.CANCELLED) {
          refused.compareAndSet(null, e);
        }
        opening.release();
        return;
      }
      if (!(t instanceof StatusRuntimeException e
          && e.getStatus().getCode() == Status.Code.CANCELLED)) {
        ended.incrementAndGet();
      }
    }

    @Override
    public void onCompleted() {
      if (!first) {
        ended.incrementAndGet();
      }
    }
  }
}
