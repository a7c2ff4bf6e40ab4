package io.cqrsshop.runtime.lifecycle;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.LogFormat;
import io.cqrsshop.runtime.logging.Logging;
import java.util.Map;
import java.util.function.Function;

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
    C config;
    try {
      config = fromEnv.apply(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Logging.configure(config.logFormat(), config.logLevel());
    RunningService service;
    try {
      service = start.apply(config);
    } catch (RuntimeException alreadyLogged) {
      System.exit(1);
      return;
    }
    service.shutdownOnSignal().awaitTermination();
  }
}
