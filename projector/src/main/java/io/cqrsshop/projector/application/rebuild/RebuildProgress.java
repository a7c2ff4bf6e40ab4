package io.cqrsshop.projector.application.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts a rebuild's events and tells its rate and the time left, from the events done over the
 * last few seconds (so a pause or a burst shows soon, and one slow bulk request does not).
 */
public final class RebuildProgress {

  private static final Duration WINDOW = Duration.ofSeconds(10);

  private final Deque<Sample> samples = new ArrayDeque<>();
  private long done;
  private long backlog;

  public RebuildProgress(long doneBefore, Instant now) {
    this.done = doneBefore;
    samples.add(new Sample(now, doneBefore));
  }

  public synchronized void done(long events, Instant now) {
    done += events;
    samples.addLast(new Sample(now, done));
    while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
      samples.removeFirst();
    }
  }

  public synchronized void backlog(long events) {
    backlog = Math.max(0, events);
  }

  public synchronized long eventsDone() {
    return done;
  }

  public synchronized long eventsTotal() {
    return done + backlog;
  }

  public synchronized double eventsPerSecond() {
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
    return seconds <= 0 ? 0 : (last.done() - first.done()) / seconds;
  }

  /** Time left at the current rate; empty while there is no rate to tell it by. */
  public synchronized Optional<Duration> timeLeft() {
    double rate = eventsPerSecond();
    if (backlog == 0) {
      return Optional.of(Duration.ZERO);
    }
    return rate <= 0
        ? Optional.empty()
        : Optional.of(Duration.ofMillis((long) (backlog / rate * 1000)));
  }

  /**
   * For logs and the operator tool: {@code 45,000 of 100,000 events (45%), 7,210 events/s, about 8s
   * left}.
   */
  public synchronized String describe() {
    return describe(eventsDone(), eventsTotal(), eventsPerSecond(), timeLeft());
  }

  public static String describe(long done, long total, double rate, Optional<Duration> left) {
    long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
    return String.format(
        Locale.ROOT,
        "%,d of %,d events (%d%%), %,.0f events/s, %s",
        done,
        total,
        percent,
        rate,
        left.map(time -> "about " + human(time) + " left").orElse("time left unknown"));
  }

  static String human(Duration time) {
    long seconds = Math.max(0, time.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + "m";
  }

  private record Sample(Instant at, long done) {}
}
