package io.cqrsshop.bench.proc;

import io.cqrsshop.bench.HarnessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads processes from a proc file system ({@code /proc}, or a directory laid out like it in
 * tests). A process may end between listing and reading it; it is then simply left out.
 */
public final class ProcFs {

  /** USER_HZ: /proc counts CPU time in ticks of 1/100 s on every Linux architecture we run on. */
  static final long TICKS_PER_SECOND = 100;

  private final Path root;

  ProcFs(Path root) {
    this.root = root;
  }

  public static ProcFs system() {
    return new ProcFs(Path.of("/proc"));
  }

  /** The stat line of one process, empty when it does not exist (or no longer does). */
  Optional<ProcStat> stat(long pid) {
    return read(root.resolve(Long.toString(pid)).resolve("stat")).map(ProcStat::parse);
  }

  /** The NUL-separated command line of a process, with spaces between the arguments. */
  Optional<String> commandLine(long pid) {
    return read(root.resolve(Long.toString(pid)).resolve("cmdline")).map(s -> s.replace('\0', ' '));
  }

  /** CPU time the whole machine has spent busy since boot, over all CPUs, in ticks. */
  OptionalLong machineBusyTicks() {
    return read(root.resolve("stat")).map(ProcFs::busyTicks).orElse(OptionalLong.empty());
  }

  /**
   * Reads the first line of {@code /proc/stat} ({@code cpu user nice system idle iowait irq softirq
   * steal guest guest_nice}): everything but idle and iowait. Guest time is already part of user
   * time.
   */
  static OptionalLong busyTicks(String stat) {
    String first = stat.lines().findFirst().orElse("");
    String[] fields = first.trim().split("\\s+");
    if (fields.length < 9 || !fields[0].equals("cpu")) {
      return OptionalLong.empty();
    }
    try {
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(fields[i]);
      }
      return OptionalLong.of(busy);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The arguments of a process, each whole; empty when it does not exist (or is a kernel thread).
   */
  List<String> arguments(long pid) {
    return read(root.resolve(Long.toString(pid)).resolve("cmdline"))
        .map(line -> line.isEmpty() ? List.<String>of() : List.of(line.split("\0")))
        .orElse(List.of());
  }

  /** Where a process runs, when it may be read. */
  Optional<Path> workingDirectory(long pid) {
    try {
      return Optional.of(Files.readSymbolicLink(root.resolve(Long.toString(pid)).resolve("cwd")));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** Every process there is now, by pid. */
  Map<Long, ProcStat> all() {
    Map<Long, ProcStat> all = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ProcFs::isPidDirectory)) {
      for (Path entry : entries) {
        read(entry.resolve("stat")).map(ProcStat::parse).ifPresent(s -> all.put(s.pid(), s));
      }
    } catch (IOException e) {
      throw new HarnessException("cannot list " + root + ": " + e, e);
    }
    return all;
  }

  /**
   * The CPU time and resident memory of a process and all its descendants (PostgreSQL's backends, a
   * launcher's child), from one listing of {@link #all()}. Shared memory is counted once for the
   * whole tree, because forked processes map the same segment.
   */
  ProcessUsage usage(long rootPid, Map<Long, ProcStat> all) {
    Map<Long, List<ProcStat>> children = new HashMap<>();
    for (ProcStat stat : all.values()) {
      children.computeIfAbsent(stat.parentPid(), k -> new ArrayList<>()).add(stat);
    }
    ProcStat top = all.get(rootPid);
    if (top == null) {
      return ProcessUsage.GONE;
    }
    long ticks = 0;
    long memory = 0;
    long shared = 0;
    int processes = 0;
    Deque<ProcStat> pending = new ArrayDeque<>(List.of(top));
    while (!pending.isEmpty()) {
      ProcStat process = pending.pop();
      processes++;
      ticks += process.totalTicks();
      ProcMemory mem = memory(process.pid());
      memory += mem.privateAndFile();
      shared = Math.max(shared, mem.shmem().orElse(0));
      pending.addAll(children.getOrDefault(process.pid(), List.of()));
    }
    return new ProcessUsage(ticks, memory + shared, processes);
  }

  private ProcMemory memory(long pid) {
    return read(root.resolve(Long.toString(pid)).resolve("status"))
        .map(ProcMemory::parse)
        .orElse(ProcMemory.NONE);
  }

  private static boolean isPidDirectory(Path entry) {
    String name = entry.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Gone (NoSuchFileException), or a process we may not read: either way, not ours to count.
      return Optional.empty();
    }
  }
}
