package io.cqrsshop.bench.proc;

/**
 * What a process tree has used up to one moment: CPU time in clock ticks (since each process
 * started) and resident memory now, in bytes.
 */
public record ProcessUsage(long cpuTicks, long rssBytes, int processes) {

  static final ProcessUsage GONE = new ProcessUsage(0, 0, 0);

  boolean exists() {
    return processes > 0;
  }
}
