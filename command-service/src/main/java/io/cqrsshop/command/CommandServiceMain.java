package io.cqrsshop.command;

import io.cqrsshop.command.infrastructure.persistence.SchemaMigration;
import io.cqrsshop.runtime.lifecycle.ServiceMain;

/**
 * Runs command-service as a process: configuration from the environment, stop on SIGTERM. With the
 * argument {@code migrate} it only brings the database schema up to date, as the schema owner
 * ({@code COMMAND_DB_MIGRATION_USER}), and exits: a Kubernetes init container runs it before the
 * service starts, so that the serving process never holds the owner's credentials.
 */
public final class CommandServiceMain {

  private CommandServiceMain() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      ServiceMain.run(CommandServiceConfig::fromEnv, CommandServiceApplication::start);
    } else if (args.length == 1 && args[0].equals("migrate")) {
      ServiceMain.runTask(
          CommandServiceConfig::fromEnv,
          "schema migration",
          config -> SchemaMigration.migrate(config.schema()));
    } else {
      System.err.println("usage: command-service [migrate]");
      System.exit(2);
    }
  }
}
