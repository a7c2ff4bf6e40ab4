package io.cqrsshop.command;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Brings test logging back after an application shutdown, whose last step stops logback for the
 * whole JVM (right for a process that is exiting, not for the tests that follow).
 */
final class TestLogging {

  private TestLogging() {}

  static void restore() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && !context.isStarted()) {
      context.reset();
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        throw new IllegalStateException("cannot reconfigure test logging", e);
      }
      context.start();
    }
  }
}
