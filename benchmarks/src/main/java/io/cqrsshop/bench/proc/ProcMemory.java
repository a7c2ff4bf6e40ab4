package io.cqrsshop.bench.proc;

import java.util.OptionalLong;

/**
 * Resident memory of one process from {@code /proc/<pid>/status}, in bytes: the total (VmRSS) and,
 * where the kernel reports them, its anonymous, file-backed and shared-memory parts.
 */
record ProcMemory(long rss, OptionalLong anon, OptionalLong file, OptionalLong shmem) {

  static final ProcMemory NONE =
      new ProcMemory(0, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

  /** Reads the status text; a kernel thread or a zombie has no VmRSS and counts as zero. */
  static ProcMemory parse(String status) {
    OptionalLong rss = OptionalLong.empty();
    OptionalLong anon = OptionalLong.empty();
    OptionalLong file = OptionalLong.empty();
    OptionalLong shmem = OptionalLong.empty();
    for (String line : status.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      switch (line.substring(0, colon)) {
        case "VmRSS" -> rss = kilobytes(line, colon);
        case "RssAnon" -> anon = kilobytes(line, colon);
        case "RssFile" -> file = kilobytes(line, colon);
        case "RssShmem" -> shmem = kilobytes(line, colon);
        default -> {
          // Not a memory figure the harness reports.
        }
      }
    }
    return new ProcMemory(rss.orElse(0), anon, file, shmem);
  }

  /** "VmRSS: 1234 kB" as bytes. */
  private static OptionalLong kilobytes(String line, int colon) {
    String value = line.substring(colon + 1).trim();
    int space = value.indexOf(' ');
    String number = space < 0 ? value : value.substring(0, space);
    try {
      return OptionalLong.of(Long.parseLong(number) * 1024);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Everything but shared memory, which processes of one tree map once and share. */
  long privateAndFile() {
    return anon.isPresent() && file.isPresent() ? anon.getAsLong() + file.getAsLong() : rss;
  }
}
