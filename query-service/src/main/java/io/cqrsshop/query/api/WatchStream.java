package io.cqrsshop.query.api;

import io.cqrsshop.query.application.watch.WatchSink;
import io.cqrsshop.query.application.watch.Watching;
import io.cqrsshop.runtime.grpc.GrpcErrors;
import io.cqrsshop.shared.Rejection;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.function.Function;

/**
 * A watch as a gRPC server stream: sends only what the client's flow control takes ({@link
 * #isReady()}, and more when it signals readiness), ends with the rejection's status, and forgets
 * the watch when the client cancels.
 */
final class WatchStream<D, S> implements WatchSink<D> {

  /**
   * How much a watch's stream may hold in the server's buffers before it counts as not ready
   * (grpc-java's default is 32 KiB): a few messages, so that a slow client's backlog stays small
   * and it gets the newest state, not a queue of old ones.
   */
  private static final int READY_THRESHOLD_BYTES = 4 * 1024;

  private final ServerCallStreamObserver<S> observer;
  private final Function<D, S> message;
  private volatile Watching.Opened opened;
  private volatile boolean cancelled;

  private WatchStream(ServerCallStreamObserver<S> observer, Function<D, S> message) {
    this.observer = observer;
    this.message = message;
  }

  /** Opens a watch on the call's stream; the handlers are set before the first message. */
  static <D, S> void open(
      ServerCallStreamObserver<S> observer,
      Function<D, S> message,
      Function<WatchSink<D>, Watching.Opened> start) {
    WatchStream<D, S> stream = new WatchStream<>(observer, message);
    observer.setOnReadyThreshold(READY_THRESHOLD_BYTES);
    observer.setOnCancelHandler(stream::cancel);
    observer.setOnReadyHandler(stream::ready);
    stream.opened = start.apply(stream);
    if (stream.cancelled) {
      stream.opened.cancelled();
    }
  }

  @Override
  public boolean isReady() {
    return !cancelled && observer.isReady();
  }

  @Override
  public void send(D state) {
    observer.onNext(message.apply(state));
  }

  @Override
  public void end(Rejection rejection) {
    if (!cancelled) {
      observer.onError(GrpcErrors.toException(rejection));
    }
  }

  private void ready() {
    Watching.Opened current = opened;
    if (current != null) {
      current.ready();
    }
  }

  private void cancel() {
    cancelled = true;
    Watching.Opened current = opened;
    if (current != null) {
      current.cancelled();
    }
  }
}
