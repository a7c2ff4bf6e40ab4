package io.cqrsshop.admin;

import io.cqrsshop.projector.application.rebuild.RebuildProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Shows long work: on a terminal a bar redrawn in place, elsewhere (logs of a Kubernetes Job) a
 * plain line every few seconds.
 */
final class ProgressBar {

  private static final int WIDTH = 30;
  private static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

  private final PrintWriter out;
  private final boolean terminal;
  private final Clock clock;
  private Instant lastLine = Instant.EPOCH;

  ProgressBar(PrintWriter out, Clock clock) {
    this.out = out;
    this.terminal = System.console() != null;
    this.clock = clock;
  }

  void show(String label, long done, long total, double rate, Optional<Duration> left) {
    String text = label + " " + RebuildProgress.describe(done, total, rate, left);
    if (terminal) {
      int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
      out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + text + "   ");
      out.flush();
    } else if (Duration.between(lastLine, clock.instant()).compareTo(LINE_INTERVAL) >= 0) {
      lastLine = clock.instant();
      out.println(text);
      out.flush();
    }
  }

  /** Ends the bar's line, so that what follows starts on a fresh one. */
  void done() {
    if (terminal) {
      out.println();
    }
  }
}
