package io.cqrsshop.query.application.watch;

import io.cqrsshop.shared.Rejection;

/**
 * Where a watch sends what it sees: a gRPC server stream in production. Calls come one at a time
 * (the watch serializes them).
 */
public interface WatchSink<T> {

  /** Whether the client can take a message now without the server buffering it. */
  boolean isReady();

  void send(T state);

  /** Ends the stream with the rejection's status. */
  void end(Rejection rejection);
}
