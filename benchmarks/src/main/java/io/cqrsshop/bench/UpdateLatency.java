package io.cqrsshop.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The watch scenario's clock: when CommandService answered each write (by product and version) and,
 * for each update a watcher receives, the time from that answer to the update. Only writes answered
 * inside the measured window are timed, also when their updates arrive after it closed; the updates
 * delivered are those received inside it. Called from the writers' threads and the channels' event
 * loops at once.
 */
final class UpdateLatency {

  private record Version(String productId, long version) {}

  private final Map<Version, Long> answeredAt = new ConcurrentHashMap<>();
  private final Histogram micros = new ConcurrentHistogram(3);
  private final LongAdder delivered = new LongAdder();
  private final LongAdder beforeAnswer = new LongAdder();
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;

  /** CommandService answered the write that made {@code version} at {@code nanos}. */
  void answered(String productId, long version, long nanos) {
    answeredAt.put(new Version(productId, version), nanos);
  }

  /** A watcher received {@code version} at {@code nanos} (not the first message of its watch). */
  void received(String productId, long version, long nanos) {
    if (nanos >= windowStart && nanos < windowEnd) {
      delivered.increment();
    }
    Long answered = answeredAt.get(new Version(productId, version));
    if (answered == null) {
      // The watcher was faster than the writer's response; too rare to time apart.
      beforeAnswer.increment();
      return;
    }
    if (answered >= windowStart && answered < windowEnd) {
      micros.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos - answered)));
    }
  }

  void openWindow(long nanos) {
    windowStart = nanos;
  }

  void closeWindow(long nanos) {
    windowEnd = nanos;
  }

  /** Updates received inside the window. */
  long delivered() {
    return delivered.sum();
  }

  /** Updates that arrived before the harness had their write's answer, and so were not timed. */
  long beforeAnswer() {
    return beforeAnswer.sum();
  }

  /** The times from answer to watcher so far, in microseconds. */
  Histogram micros() {
    return micros.copy();
  }
}
