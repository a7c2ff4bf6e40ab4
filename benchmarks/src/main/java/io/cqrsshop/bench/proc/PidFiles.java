package io.cqrsshop.bench.proc;

/** Reads the pid out of a pid file: the first line (PostgreSQL's postmaster.pid has more). */
final class PidFiles {

  private PidFiles() {}

  static long firstPid(String content) {
    String first = content.strip().lines().findFirst().orElse("").strip();
    try {
      long pid = Long.parseLong(first);
      if (pid <= 0) {
        throw new IllegalArgumentException("not a pid: '" + first + "'");
      }
      return pid;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a pid: '" + first + "'");
    }
  }
}
