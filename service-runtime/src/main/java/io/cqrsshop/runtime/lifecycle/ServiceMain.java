package io.cqrsshop.runtime.lifecycle;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.LogFormat;
import io.cqrsshop.runtime.logging.Logging;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Runs a deployable as a process: configuration from the environment (exit status 2, and the
 * problems on stderr, when it is unusable), logging as configured, start (exit status 1 when that
 * fails, already logged), then stop on SIGTERM.
 */
public final class ServiceMain {

  /** What the process needs to know of a service's configuration before it starts. */
  public interface Config {
    LogFormat logFormat();

    String logLevel();
  }

  private ServiceMain() {}

  public static <C extends Config> void run(
      Function<Map<String, String>, C> fromEnv, Function<C, ? extends RunningService> start) {
    C config = configure(fromEnv);
    RunningService service;
    try {
      service = start.apply(config);
    } catch (RuntimeException alreadyLogged) {
      System.exit(1);
      return;
    }
    service.shutdownOnSignal().awaitTermination();
  }

  /**
   * Runs a one-off task of a deployable (a schema migration, say) with the same configuration and
   * logging, then exits: status 0 when it is done, 1 when it failed (logged), 2 for an unusable
   * configuration.
   */
  public static <C extends Config> void runTask(
      Function<Map<String, String>, C> fromEnv, String name, Consumer<C> task) {
    C config = configure(fromEnv);
    try {
      task.accept(config);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(ServiceMain.class).error("{} failed", name, e);
      Logging.stop();
      System.exit(1);
      return;
    }
    Logging.stop();
    System.exit(0);
  }

  private static <C extends Config> C configure(Function<Map<String, String>, C> fromEnv) {
    C config = null;
    try {
      config = fromEnv.apply(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
    Logging.configure(config.logFormat(), config.logLevel());
    return config;
  }
}
