package io.cqrsshop.bench.proc;

import io.cqrsshop.bench.HarnessException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Freezes processes of the stack with SIGSTOP for a measurement and thaws them with SIGCONT when
 * closed. A shutdown hook thaws them too, so that a failing or interrupted harness (Ctrl-C) does
 * not leave a service frozen; only SIGKILL of the harness can, and the message printed on freezing
 * says how to thaw them by hand.
 */
public final class Suspension implements AutoCloseable {

  private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

  private final ProcFs proc;
  // Only what was sent SIGSTOP, in order; guarded by this.
  private final Map<Component, Long> frozen = new LinkedHashMap<>();
  private final Thread thawOnExit;
  private boolean thawed;

  private Suspension(ProcFs proc) {
    this.proc = proc;
    this.thawOnExit = new Thread(this::thaw, "thaw-suspended-processes");
  }

  /**
   * Freezes the given processes and returns once each of them is stopped; throws, with every one
   * thawed again, if any cannot be frozen.
   */
  public static Suspension freeze(ProcFs proc, Map<Component, Long> processes, PrintStream out) {
    Suspension suspension = new Suspension(proc);
    Runtime.getRuntime().addShutdownHook(suspension.thawOnExit);
    try {
      for (Map.Entry<Component, Long> process : processes.entrySet()) {
        signal("STOP", process.getValue());
        suspension.frozen(process.getKey(), process.getValue());
        suspension.awaitStopped(process.getKey(), process.getValue());
      }
    } catch (RuntimeException e) {
      try {
        suspension.close();
      } catch (RuntimeException thawFailed) {
        e.addSuppressed(thawFailed);
      }
      throw e;
    }
    out.println(
        "froze "
            + describe(processes)
            + " with SIGSTOP; if this harness is killed, thaw them with: kill -CONT "
            + processes.values().stream().map(String::valueOf).collect(Collectors.joining(" ")));
    return suspension;
  }

  /** Thaws every frozen process; safe to call more than once. */
  @Override
  public void close() {
    thaw();
    try {
      Runtime.getRuntime().removeShutdownHook(thawOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs (or ran) anyway.
    }
  }

  private synchronized void frozen(Component component, long pid) {
    frozen.put(component, pid);
  }

  private synchronized void thaw() {
    if (thawed) {
      return;
    }
    thawed = true;
    List<String> failures = new ArrayList<>();
    frozen.forEach(
        (component, pid) -> {
          try {
            signal("CONT", pid);
          } catch (RuntimeException e) {
            failures.add(component.label() + " (pid " + pid + "): " + e.getMessage());
          }
        });
    if (!failures.isEmpty()) {
      throw new HarnessException("could not thaw " + String.join("; ", failures));
    }
  }

  private void awaitStopped(Component component, long pid) {
    long giveUp = System.nanoTime() + SIGNAL_TIMEOUT.toNanos();
    while (System.nanoTime() < giveUp) {
      if (proc.stat(pid).map(ProcStat::isStopped).orElse(false)) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    throw new HarnessException(
        component.label()
            + " (pid "
            + pid
            + ") did not stop within "
            + SIGNAL_TIMEOUT.toSeconds()
            + " s of SIGSTOP");
  }

  private static void signal(String signal, long pid) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
        throw new HarnessException("kill -" + signal + " " + pid + " did not return");
      }
      String output = new String(kill.getInputStream().readAllBytes()).strip();
      if (kill.exitValue() != 0) {
        throw new HarnessException("kill -" + signal + " " + pid + " failed: " + output);
      }
    } catch (IOException e) {
      throw new HarnessException("cannot run kill -" + signal + " " + pid + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while sending SIG" + signal + " to " + pid, e);
    }
  }

  static String describe(Map<Component, Long> processes) {
    return processes.entrySet().stream()
        .map(e -> e.getKey().label() + " (pid " + e.getValue() + ")")
        .collect(Collectors.joining(" and "));
  }
}
