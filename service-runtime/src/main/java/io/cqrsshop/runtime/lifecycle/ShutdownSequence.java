package io.cqrsshop.runtime.lifecycle;

import io.cqrsshop.runtime.logging.Logging;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a deployable's components in the reverse order of their start when the process gets SIGTERM
 * (or Ctrl-C), so that, for example, the gRPC server drains before the database pool closes. {@link
 * #awaitTermination()} blocks {@code main} until that has finished.
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
  private volatile boolean started;

  public ShutdownSequence(String service) {
    this.service = service;
  }

  /** Registers a step; steps run last-registered first. */
  public synchronized ShutdownSequence add(String name, Step step) {
    steps.push(new NamedStep(name, step));
    return this;
  }

  /** Runs the sequence when the JVM is asked to exit. */
  public ShutdownSequence installHook() {
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(this::run));
    return this;
  }

  /** Runs every step once; later calls wait for the first to finish. */
  public void run() {
    synchronized (this) {
      if (started) {
        awaitTermination();
        return;
      }
      started = true;
    }
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
    Logging.stop();
    done.countDown();
  }

  public void awaitTermination() {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized NamedStep next() {
    return steps.poll();
  }

  private record NamedStep(String name, Step step) {}
}
