package io.cqrsshop.system;

import io.cqrsshop.proto.v1.Order;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.proto.v1.WatchOrderRequest;
import io.cqrsshop.proto.v1.WatchOrderResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client's watch of one order that survives broken streams: the example of docs/api.md (Live
 * queries). It keeps the {@code consistency_token} of the last message and, when the stream ends
 * with a status worth retrying, opens the watch again (on whatever replica the channel reaches)
 * with that token as {@code resume_token}: the new stream sends only versions the client has not
 * seen.
 */
final class ResumingOrderWatch implements AutoCloseable {

  /** Statuses after which a watch is opened again; any other ends it for good. */
  private static final Set<Status.Code> RESUMABLE =
      Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.INTERNAL);

  private static final Duration RETRY_DELAY = Duration.ofMillis(200);

  private final Supplier<QueryServiceGrpc.QueryServiceStub> stubs;
  private final String orderId;
  private final Consumer<Order> onOrder;
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
  private volatile String lastToken = "";
  private volatile boolean closed;

  /**
   * @param stubs a stub for each attempt (a channel to a load-balanced address in production)
   * @param onOrder called with each new version of the order, in version order
   */
  ResumingOrderWatch(
      Supplier<QueryServiceGrpc.QueryServiceStub> stubs, String orderId, Consumer<Order> onOrder) {
    this.stubs = stubs;
    this.orderId = orderId;
    this.onOrder = onOrder;
    open();
  }

  private void open() {
    if (closed) {
      return;
    }
    WatchOrderRequest request =
        WatchOrderRequest.newBuilder().setOrderId(orderId).setResumeToken(lastToken).build();
    stubs
        .get()
        .watchOrder(
            request,
            new StreamObserver<>() {
              @Override
              public void onNext(WatchOrderResponse message) {
                lastToken = message.getConsistencyToken();
                onOrder.accept(message.getOrder());
              }

              @Override
              public void onError(Throwable error) {
                if (RESUMABLE.contains(Status.fromThrowable(error).getCode())) {
                  retries.schedule(
                      ResumingOrderWatch.this::open, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                }
              }

              @Override
              public void onCompleted() {}
            });
  }

  @Override
  public void close() {
    closed = true;
    retries.shutdownNow();
  }
}
