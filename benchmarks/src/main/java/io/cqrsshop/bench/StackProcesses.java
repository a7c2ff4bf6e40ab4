package io.cqrsshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Finds the processes of the stack that {@code ./dev up -d} started, from the pid files it leaves
 * in its state directory; what cannot be found is kept with the reason, to be printed.
 */
final class StackProcesses {

  private final ProcFs proc;
  private final Path stateDir;

  StackProcesses(ProcFs proc, Path stateDir) {
    this.proc = proc;
    this.stateDir = stateDir;
  }

  /** Where each component runs now. */
  Located locate() {
    Map<Component, Long> pids = new EnumMap<>(Component.class);
    Map<Component, String> missing = new EnumMap<>(Component.class);
    for (Component component : Component.values()) {
      if (!component.isProcess()) {
        continue;
      }
      if (component == Component.HARNESS) {
        pids.put(component, ProcessHandle.current().pid());
        continue;
      }
      Path file = component.pidFile(stateDir).orElseThrow();
      try {
        long pid = PidFiles.firstPid(Files.readString(file));
        String commandLine = proc.commandLine(pid).orElse("");
        if (commandLine.isEmpty()) {
          missing.put(component, "pid " + pid + " from " + file + " is not running");
        } else if (!commandLine.contains(component.commandLineMark())) {
          missing.put(component, "pid " + pid + " from " + file + " is not " + component.label());
        } else {
          pids.put(component, pid);
        }
      } catch (NoSuchFileException e) {
        missing.put(component, "no pid file " + file);
      } catch (IOException | IllegalArgumentException e) {
        missing.put(component, "cannot read " + file + ": " + e.getMessage());
      }
    }
    return new Located(pids, missing);
  }

  /** The pids found, and why the others were not. */
  record Located(Map<Component, Long> pids, Map<Component, String> missing) {

    Located {
      pids = Map.copyOf(pids);
      missing = Map.copyOf(missing);
    }
  }
}
