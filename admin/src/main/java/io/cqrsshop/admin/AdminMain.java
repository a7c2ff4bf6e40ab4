package io.cqrsshop.admin;

import io.cqrsshop.runtime.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator's tool for the read side: see what serves, rebuild a read model, deal with parked
 * events, check the read models against the write model. Locally {@code ./dev admin ...}; on
 * Kubernetes as a Job or with {@code kubectl exec} (see the operations guide).
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    version = "cqrs-shop admin 0.1.0",
    description = {
      "Operates the read side of cqrs-shop: rebuilds, parked events, drift checks.",
      "Configured by ADMIN_* environment variables (ADMIN_ELASTICSEARCH_URL, ADMIN_INDEX_PREFIX,"
          + " ADMIN_DB_URL, ADMIN_DB_USER, ADMIN_DB_PASSWORD, ...).",
      "Exit status: 0 done, 1 a problem found (drift, failed rebuild, events still parked),"
          + " 2 bad usage or configuration, 3 a dependency unreachable."
    },
    subcommands = {
      StatusCommand.class,
      RebuildCommand.class,
      ParkedCommand.class,
      DriftCommand.class,
      IndicesCommand.class,
      RelayCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AdminMain implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, System.getenv(), out, err));
  }

  /** Runs one command; returns its exit status. */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    AdminConfig config;
    try {
      config = AdminConfig.fromEnv(env);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    try (AdminContext context = new AdminContext(config, out, err, Clock.systemUTC())) {
      CommandLine commandLine = new CommandLine(new AdminMain(), new Factory(context));
      commandLine.setOut(out).setErr(err);
      commandLine.setExecutionExceptionHandler(
          (exception, line, parsed) -> {
            if (isUnreachable(exception)) {
              err.println("cannot reach a dependency: " + exception.getMessage());
              return ExitCodes.UNAVAILABLE;
            }
            if (exception instanceof IllegalArgumentException) {
              err.println(exception.getMessage());
              return ExitCodes.USAGE;
            }
            throw exception;
          });
      return commandLine.execute(args);
    } catch (Exception e) {
      err.println("failed: " + e);
      err.flush();
      return ExitCodes.PROBLEM;
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static boolean isUnreachable(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08")
          || cause instanceof UncheckedIOException
          || cause instanceof IOException io
              && io.getMessage() != null
              && io.getMessage().contains("Connection refused")) {
        return true;
      }
    }
    return false;
  }

  /** Creates the commands with the context they share. */
  private record Factory(AdminContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(AdminContext.class).newInstance(context);
      } catch (NoSuchMethodException noContext) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
