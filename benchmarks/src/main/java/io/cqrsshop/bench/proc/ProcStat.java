package io.cqrsshop.bench.proc;

/**
 * The fields of one {@code /proc/<pid>/stat} line that the harness reads: who the parent is and how
 * much CPU the process (all its threads) and its reaped children used, in clock ticks.
 */
record ProcStat(
    long pid,
    String command,
    char state,
    long parentPid,
    long userTicks,
    long systemTicks,
    long childUserTicks,
    long childSystemTicks) {

  /**
   * Parses a stat line. The command sits in parentheses and may itself hold spaces or ')', so the
   * fields are counted from the last ')'.
   */
  static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + cut(line));
    }
    String[] fields = line.substring(close + 1).trim().split("\\s+");
    // fields[0] is field 3 of proc(5) (state); utime..cstime are fields 14..17.
    if (fields.length < 15) {
      throw new IllegalArgumentException("too few fields in /proc stat line: " + cut(line));
    }
    try {
      return new ProcStat(
          Long.parseLong(line.substring(0, open).trim()),
          line.substring(open + 1, close),
          fields[0].charAt(0),
          Long.parseLong(fields[1]),
          Long.parseLong(fields[11]),
          Long.parseLong(fields[12]),
          Long.parseLong(fields[13]),
          Long.parseLong(fields[14]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unreadable /proc stat line: " + cut(line), e);
    }
  }

  /** CPU time of the process and of the children it has reaped, which no longer have a stat. */
  long totalTicks() {
    return userTicks + systemTicks + childUserTicks + childSystemTicks;
  }

  boolean isStopped() {
    return state == 'T' || state == 't';
  }

  private static String cut(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }
}
