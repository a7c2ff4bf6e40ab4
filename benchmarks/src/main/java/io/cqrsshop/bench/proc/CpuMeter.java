package io.cqrsshop.bench.proc;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the CPU time and memory of every process of the stack (and of the harness) around a
 * measurement, so that each phase can say how much CPU one operation cost each process.
 */
public final class CpuMeter {

  private final ProcFs proc;
  private final StackProcesses stack;

  public CpuMeter(ProcFs proc, StackProcesses stack) {
    this.proc = proc;
    this.stack = stack;
  }

  /** What each process had used when a measurement started. */
  public record Reading(
      Map<Component, Long> pids,
      Map<Component, ProcessUsage> usage,
      Map<Component, String> missing,
      OptionalLong machineBusyTicks) {}

  public Reading read() {
    StackProcesses.Located located = stack.locate();
    Map<Long, ProcStat> all = proc.all();
    Map<Component, ProcessUsage> usage = new EnumMap<>(Component.class);
    Map<Component, String> missing = new EnumMap<>(Component.class);
    missing.putAll(located.missing());
    located
        .pids()
        .forEach(
            (component, pid) -> {
              ProcessUsage used = proc.usage(pid, all);
              if (used.exists()) {
                usage.put(component, used);
              } else {
                missing.put(component, "pid " + pid + " ended");
              }
            });
    return new Reading(located.pids(), usage, missing, proc.machineBusyTicks());
  }

  /** What each process used since {@code start}; memory is what it holds now. */
  public Costs since(Reading start) {
    Reading end = read();
    Map<Component, Costs.Used> used = new EnumMap<>(Component.class);
    Map<Component, String> missing = new EnumMap<>(Component.class);
    missing.putAll(start.missing());
    missing.putAll(end.missing());
    for (Component component : Component.values()) {
      if (!component.isProcess()) {
        continue;
      }
      ProcessUsage before = start.usage().get(component);
      ProcessUsage after = end.usage().get(component);
      if (before == null || after == null) {
        continue;
      }
      if (!start.pids().get(component).equals(end.pids().get(component))) {
        missing.put(component, "restarted during the measurement");
        continue;
      }
      used.put(
          component,
          new Costs.Used(Math.max(0, after.cpuTicks() - before.cpuTicks()), after.rssBytes()));
    }
    used.keySet().forEach(missing::remove);
    if (start.machineBusyTicks().isPresent() && end.machineBusyTicks().isPresent()) {
      long machine = end.machineBusyTicks().getAsLong() - start.machineBusyTicks().getAsLong();
      long ours = used.values().stream().mapToLong(Costs.Used::cpuTicks).sum();
      // Per-process and per-CPU ticks are sampled apart, so the rest can come out slightly
      // negative.
      used.put(Component.OTHERS, new Costs.Used(Math.max(0, machine - ours), 0));
    } else {
      missing.put(Component.OTHERS, "no readable /proc/stat");
    }
    return new Costs(used, missing);
  }
}
