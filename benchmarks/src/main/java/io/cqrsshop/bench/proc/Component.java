package io.cqrsshop.bench.proc;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A process of the local stack whose CPU time and memory the harness reports, where {@code ./dev
 * up} leaves its pid, and a word its command line must contain, so that a stale pid file that now
 * names another process is not measured (or stopped).
 */
public enum Component {
  COMMAND_SERVICE("command-service", "run/command-service.pid", "command-service.jar"),
  PROJECTOR("projector", "run/projector.pid", "projector.jar"),
  QUERY_SERVICE("query-service", "run/query-service.pid", "query-service.jar"),
  POSTGRES("postgres", "data/postgres/data/postmaster.pid", "postgres"),
  NATS("nats-server", "data/nats/nats.pid", "nats-server"),
  ELASTICSEARCH("elasticsearch", "data/elasticsearch/es.pid", "org.elasticsearch"),
  /** This process: the clients' own cost, for reading the others against it. */
  HARNESS("harness", "", ""),
  /**
   * Every other process on the machine (another engineer's build or tests): the CPU time the stack
   * could not have, from the machine's busy time less everything above.
   */
  OTHERS("others", "", "");

  private final String label;
  private final String pidFile;
  private final String commandLineMark;

  Component(String label, String pidFile, String commandLineMark) {
    this.label = label;
    this.pidFile = pidFile;
    this.commandLineMark = commandLineMark;
  }

  public String label() {
    return label;
  }

  /** The pid file under the state directory of {@code ./dev}; empty for the harness and others. */
  Optional<Path> pidFile(Path stateDir) {
    return pidFile.isEmpty() ? Optional.empty() : Optional.of(stateDir.resolve(pidFile));
  }

  /** Whether this is one process tree (with a pid and memory), not the rest of the machine. */
  public boolean isProcess() {
    return this != OTHERS;
  }

  String commandLineMark() {
    return commandLineMark;
  }
}
