package io.cqrsshop.query;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop actions of the started components, run once, newest first, so that the gRPC server
 * drains before the clients it uses close.
 *
 * <p>The service-runtime {@code ShutdownSequence} also stops logging when it ends, which suits a
 * process that exits but not an application stopped inside a test JVM; so the application keeps its
 * own steps and {@link QueryServiceMain} runs them from a {@code ShutdownSequence}.
 */
final class StopSteps {

  /** A stop action that may fail; a failure is logged and the others still run. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(StopSteps.class);

  private final Deque<Named> steps = new ArrayDeque<>();

  synchronized void add(String name, Step step) {
    steps.push(new Named(name, step));
  }

  /** Runs the steps not yet run; a later call finds none left. */
  synchronized void runAll() {
    Named next;
    while ((next = steps.poll()) != null) {
      try {
        next.step().run();
      } catch (Exception e) {
        log.warn("stopping {} failed", next.name(), e);
      }
    }
  }

  private record Named(String name, Step step) {}
}
