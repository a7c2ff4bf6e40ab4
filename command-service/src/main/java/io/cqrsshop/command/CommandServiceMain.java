package io.cqrsshop.command;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.Logging;

/** Runs command-service as a process: configuration from the environment, stop on SIGTERM. */
public final class CommandServiceMain {

  private CommandServiceMain() {}

  public static void main(String[] args) {
    CommandServiceConfig config;
    try {
      config = CommandServiceConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Logging.configure(config.logFormat(), config.logLevel());
    CommandServiceApplication application;
    try {
      application = CommandServiceApplication.start(config);
    } catch (RuntimeException alreadyLogged) {
      System.exit(1);
      return;
    }
    application.shutdownOnSignal().awaitTermination();
  }
}
