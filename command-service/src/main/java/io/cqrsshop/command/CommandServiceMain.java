package io.cqrsshop.command;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.Logging;

/** Entry point of the command-service container: configuration, logging, start, stop on signal. */
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
    try {
      CommandServiceApplication.start(config).shutdownOnSignal();
    } catch (RuntimeException alreadyLogged) {
      System.exit(1);
    }
  }
}
