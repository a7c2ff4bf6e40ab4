package io.cqrsshop.projector;

import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.logging.Logging;

/** Runs the projector as a process: configuration from the environment, stop on SIGTERM. */
public final class ProjectorMain {

  private ProjectorMain() {}

  public static void main(String[] args) {
    ProjectorConfig config;
    try {
      config = ProjectorConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Logging.configure(config.logFormat(), config.logLevel());
    ProjectorApplication application;
    try {
      application = ProjectorApplication.start(config);
    } catch (RuntimeException alreadyLogged) {
      System.exit(1);
      return;
    }
    application.shutdownOnSignal().awaitTermination();
  }
}
