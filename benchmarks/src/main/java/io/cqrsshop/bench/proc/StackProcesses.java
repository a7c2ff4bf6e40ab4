package io.cqrsshop.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the processes of the stack that {@code ./dev up -d} started: from the pid files it leaves
 * in its state directory, or, where there is none, by the marks a {@code ./dev} that keeps no pid
 * files gives them (a {@code -Dcqrsshop.dev=<state>/run/<service>} argument, nats-server's store
 * directory, Elasticsearch's working directory). What cannot be found is kept with the reason, to
 * be printed.
 */
public final class StackProcesses {

  private final ProcFs proc;
  private final Path stateDir;

  public StackProcesses(ProcFs proc, Path stateDir) {
    this.proc = proc;
    this.stateDir = stateDir;
  }

  /** Where each component runs now. */
  public Located locate() {
    Map<Component, Long> pids = new EnumMap<>(Component.class);
    Map<Component, String> missing = new EnumMap<>(Component.class);
    Optional<List<Long>> everyPid = Optional.empty();
    for (Component component : Component.values()) {
      if (!component.isProcess()) {
        continue;
      }
      if (component == Component.HARNESS) {
        pids.put(component, ProcessHandle.current().pid());
        continue;
      }
      Path file = component.pidFile(stateDir).orElseThrow();
      String problem;
      try {
        long pid = PidFiles.firstPid(Files.readString(file));
        String commandLine = proc.commandLine(pid).orElse("");
        if (commandLine.contains(component.commandLineMark())) {
          pids.put(component, pid);
          continue;
        }
        problem =
            commandLine.isEmpty()
                ? "pid " + pid + " from " + file + " is not running"
                : "pid " + pid + " from " + file + " is not " + component.label();
      } catch (NoSuchFileException e) {
        problem = "no pid file " + file;
      } catch (IOException | IllegalArgumentException e) {
        problem = "cannot read " + file + ": " + e.getMessage();
      }
      if (everyPid.isEmpty()) {
        everyPid = Optional.of(List.copyOf(proc.all().keySet()));
      }
      Optional<Long> marked = marked(component, everyPid.get());
      if (marked.isPresent()) {
        pids.put(component, marked.get());
      } else {
        missing.put(component, problem + ", and no process marked as ./dev's");
      }
    }
    return new Located(pids, missing);
  }

  /** The process that carries the component's mark, if exactly one does. */
  private Optional<Long> marked(Component component, List<Long> everyPid) {
    Path state;
    try {
      state = stateDir.toRealPath();
    } catch (IOException e) {
      return Optional.empty();
    }
    List<Long> found =
        everyPid.stream().filter(pid -> carriesMark(component, state, pid)).sorted().toList();
    return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
  }

  private boolean carriesMark(Component component, Path state, long pid) {
    List<String> args = proc.arguments(pid);
    if (args.isEmpty() || !String.join(" ", args).contains(component.commandLineMark())) {
      return false;
    }
    return switch (component) {
      case COMMAND_SERVICE, PROJECTOR, QUERY_SERVICE ->
          args.contains("-Dcqrsshop.dev=" + state.resolve("run").resolve(component.label()));
      case NATS -> args.contains(state.resolve("data/nats/store").toString());
      // The server (not its short-lived launcher) runs in its logs directory.
      case ELASTICSEARCH ->
          proc.workingDirectory(pid)
              .map(state.resolve("data/elasticsearch/logs")::equals)
              .orElse(false);
      case POSTGRES, HARNESS, OTHERS -> false;
    };
  }

  /** The pids found, and why the others were not. */
  public record Located(Map<Component, Long> pids, Map<Component, String> missing) {

    public Located {
      pids = Map.copyOf(pids);
      missing = Map.copyOf(missing);
    }
  }
}
