package io.cqrsshop.command;

import io.cqrsshop.runtime.lifecycle.ServiceMain;

/** Runs command-service as a process: configuration from the environment, stop on SIGTERM. */
public final class CommandServiceMain {

  private CommandServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run(CommandServiceConfig::fromEnv, CommandServiceApplication::start);
  }
}
