package io.cqrsshop.query.application.watch;

import io.cqrsshop.shared.Rejection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One open watch: the states offered to it, sent in version order per document, each newer than
 * what was sent before. While the client cannot take more ({@link WatchSink#isReady()} false), a
 * newer state replaces the one waiting for the same document, so a slow client costs at most one
 * pending state per document and gets the newest when it catches up.
 *
 * <p>A watch sends nothing until its first read is done ({@link #start()}): what re-reads offer
 * meanwhile waits, so the first message is never older than what that read, and the consistency
 * tokens it waited for, require.
 *
 * @param <T> a read-model document
 */
public final class Watch<T> {

  private final WatchSink<T> sink;
  private final Function<T, String> idOf;
  private final ToLongFunction<T> versionOf;
  private final Runnable onSent;
  private final Map<String, Long> sent = new HashMap<>();
  private final LinkedHashMap<String, T> pending = new LinkedHashMap<>();
  private boolean started;
  private boolean ended;

  /**
   * @param idOf the document's aggregate id
   * @param versionOf the aggregate version the document shows
   * @param onSent called after each message sent (for metrics)
   */
  public Watch(
      WatchSink<T> sink, Function<T, String> idOf, ToLongFunction<T> versionOf, Runnable onSent) {
    this.sink = sink;
    this.idOf = idOf;
    this.versionOf = versionOf;
    this.onSent = onSent;
  }

  /** Sends only versions of {@code id} newer than {@code version} (a resumed watch). */
  public synchronized void seen(String id, long version) {
    sent.merge(id, version, Math::max);
  }

  /** Sends the state when it is newer than what this watch sent or holds for its document. */
  public synchronized void offer(T state) {
    if (ended) {
      return;
    }
    String id = idOf.apply(state);
    long version = versionOf.applyAsLong(state);
    T waiting = pending.get(id);
    long newest =
        Math.max(sent.getOrDefault(id, 0L), waiting == null ? 0L : versionOf.applyAsLong(waiting));
    if (version <= newest) {
      return;
    }
    pending.put(id, state);
    drain();
  }

  /** The first read is done: sends from now on. */
  public synchronized void start() {
    started = true;
    drain();
  }

  /** Sends what waits, as far as the client takes it; called again when it is ready for more. */
  public synchronized void drain() {
    var states = pending.entrySet().iterator();
    while (started && !ended && states.hasNext() && sink.isReady()) {
      var next = states.next();
      states.remove();
      sent.put(next.getKey(), versionOf.applyAsLong(next.getValue()));
      sink.send(next.getValue());
      onSent.run();
    }
  }

  /** Ends the stream; later offers are dropped. */
  public synchronized void end(Rejection rejection) {
    if (!ended) {
      ended = true;
      pending.clear();
      sink.end(rejection);
    }
  }

  /** Forgets the stream (the client went away). */
  public synchronized void cancelled() {
    ended = true;
    pending.clear();
  }

  synchronized long sentVersion(String id) {
    return sent.getOrDefault(id, 0L);
  }

  synchronized int pendingCount() {
    return pending.size();
  }
}
