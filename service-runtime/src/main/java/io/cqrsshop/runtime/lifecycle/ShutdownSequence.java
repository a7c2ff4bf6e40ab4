package io.cqrsshop.runtime.lifecycle;

import io.cqrsshop.runtime.logging.Logging;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a deployable's components in the reverse order of their start, so that, for example, the
 * gRPC server drains before the database pool closes. {@link #run()} is what an application's
 * {@code shutdown()} calls, also inside a test JVM; {@link #installHook()} runs the same steps on
 * SIGTERM (or Ctrl-C) and only then stops logging, since the process is about to exit. {@link
 * #awaitTermination()} blocks {@code main} until the steps have finished.
 */
public final class ShutdownSequence {

  /** A stop action that may fail; a failure is logged and the sequence continues. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);

  private final String service;
  private final Deque<NamedStep> steps = new ArrayDeque<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private boolean started;
  private boolean hookInstalled;

  public ShutdownSequence(String service) {
    this.service = service;
  }

  /** Registers a step; steps run last-registered first. */
  public synchronized ShutdownSequence add(String name, Step step) {
    steps.push(new NamedStep(name, step));
    return this;
  }

  /**
   * Runs the sequence when the JVM is asked to exit, then flushes and stops logging: nothing is
   * logged after that in a process that is ending.
   */
  public synchronized ShutdownSequence installHook() {
    if (hookInstalled) {
      return this;
    }
    hookInstalled = true;
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(this::runAndStopLogging));
    return this;
  }

  /**
   * Runs every step once; later calls wait for the first to finish. Logging keeps working, so a JVM
   * that goes on (a test that stopped an application) still logs.
   */
  public void run() {
    boolean first;
    synchronized (this) {
      first = !started;
      started = true;
    }
    if (!first) {
      // Waits outside the lock: the first caller needs it to take its steps.
      awaitTermination();
      return;
    }
    try {
      log.info("{} shutting down", service);
      NamedStep step;
      while ((step = next()) != null) {
        try {
          step.step().run();
        } catch (Exception e) {
          log.warn("shutdown step '{}' failed", step.name(), e);
        }
      }
      log.info("{} stopped", service);
    } finally {
      done.countDown();
    }
  }

  /** Blocks until the steps have run, however the sequence was started. */
  public void awaitTermination() {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runAndStopLogging() {
    run();
    Logging.stop();
  }

  private synchronized NamedStep next() {
    return steps.poll();
  }

  private record NamedStep(String name, Step step) {}
}
