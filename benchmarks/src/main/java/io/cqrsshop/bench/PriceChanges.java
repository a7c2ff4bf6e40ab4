package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceResponse;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * ChangeProductPrice at a fixed rate, round the products in turn, until stopped: the steady stream
 * of writes the watches follow. Open loop: one thread sends each command at its time without
 * waiting for the previous answers, so a slow command-service shows as latency, not as fewer
 * writes. Each answer's arrival is taken as it is read off the connection, on a connection and
 * event loop of the writer's own: a thread blocked on the call, or an event loop shared with
 * thousands of watches, could read it later than the watchers hear of the write. It goes to the
 * {@link UpdateLatency}; the newest version of each product is kept, so that the watchers can be
 * checked against it.
 */
final class PriceChanges implements AutoCloseable {

  private final NioEventLoopGroup loop = new NioEventLoopGroup(1);
  private final ManagedChannel channel;
  private final CommandServiceGrpc.CommandServiceStub commands;
  private final RunNames names;
  private final List<String> productIds;
  private final UpdateLatency latency;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Map<String, Long> failures = new ConcurrentHashMap<>();
  private final AtomicLong late = new AtomicLong();
  private final Map<String, Long> newest = new ConcurrentHashMap<>();
  private final Thread sender;
  private volatile boolean stopped;

  private PriceChanges(
      String target,
      RunNames names,
      List<String> productIds,
      UpdateLatency latency,
      int perSecond) {
    this.channel =
        NettyChannelBuilder.forTarget(target)
            .usePlaintext()
            .eventLoopGroup(loop)
            .channelType(NioSocketChannel.class)
            .directExecutor()
            .build();
    this.commands = CommandServiceGrpc.newStub(channel);
    this.names = names;
    this.productIds = List.copyOf(productIds);
    this.latency = latency;
    long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
    this.sender = Thread.ofPlatform().name("bench-watch-writer").unstarted(() -> loop(period));
  }

  /** Starts sending {@code perSecond} commands a second. */
  static PriceChanges start(
      String commandTarget,
      RunNames names,
      List<String> productIds,
      UpdateLatency latency,
      int perSecond) {
    PriceChanges writes = new PriceChanges(commandTarget, names, productIds, latency, perSecond);
    writes.sender.start();
    return writes;
  }

  private void loop(long period) {
    long due = System.nanoTime();
    while (!stopped) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      if (-wait > period) {
        late.incrementAndGet();
      }
      long n = sent.getAndIncrement();
      write(productIds.get((int) (n % productIds.size())), n);
      due += period;
    }
  }

  private void write(String productId, long n) {
    commands
        .withDeadlineAfter(ShopClients.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .changeProductPrice(
            ChangeProductPriceRequest.newBuilder()
                .setRequestId(names.requestId())
                .setProductId(productId)
                .setPrice(Seeder.euros(1000 + n % 90_000))
                .build(),
            new StreamObserver<>() {
              @Override
              public void onNext(ChangeProductPriceResponse response) {
                latency.answered(productId, response.getVersion(), System.nanoTime());
                newest.merge(productId, response.getVersion(), Math::max);
              }

              @Override
              public void onError(Throwable t) {
                failed.incrementAndGet();
                String label =
                    t instanceof StatusRuntimeException e
                        ? CallOutcome.describe(e)
                        : t.getClass().getSimpleName();
                failures.merge(label, 1L, Long::sum);
                answered.incrementAndGet();
              }

              @Override
              public void onCompleted() {
                answered.incrementAndGet();
              }
            });
  }

  /** The newest version of each product a write was answered with. */
  Map<String, Long> newest() {
    return Map.copyOf(newest);
  }

  /** Writes sent so far. */
  long sent() {
    return sent.get();
  }

  /** Writes that did not answer OK. */
  long failed() {
    return failed.get();
  }

  /** How many writes failed, by status and description. */
  Map<String, Long> failures() {
    return Map.copyOf(failures);
  }

  /** Writes sent more than one period behind their schedule (the sender did not get the CPU). */
  long late() {
    return late.get();
  }

  /**
   * Stops sending, waits (at most a call's deadline) for the last commands to answer, and closes
   * the connection.
   */
  @Override
  public void close() {
    stopped = true;
    try {
      sender.join();
      long giveUp = System.nanoTime() + ShopClients.CALL_DEADLINE.toNanos();
      while (answered.get() < sent.get() && System.nanoTime() < giveUp) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while the writer stopped", e);
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
