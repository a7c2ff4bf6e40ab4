package io.cqrsshop.query;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.Logging;

/** Runs query-service as a process: configuration from the environment, stop on SIGTERM. */
public final class QueryServiceMain {

  private QueryServiceMain() {}

  public static void main(String[] args) {
    QueryServiceConfig config;
    try {
      config = QueryServiceConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Logging.configure(config.logFormat(), config.logLevel());
    QueryServiceApplication application;
    try {
      application = QueryServiceApplication.start(config);
    } catch (RuntimeException alreadyLogged) {
      System.exit(1);
      return;
    }
    application.shutdownOnSignal().awaitTermination();
  }
}
