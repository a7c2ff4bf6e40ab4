package io.cqrsshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

  @TempDir Path proc;

  /** Writes a process into the fake /proc: its stat line and its status. */
  static void process(
      Path proc, long pid, long parent, long ticks, long rssKb, long shmemKb, String cmdline)
      throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(
        dir.resolve("stat"),
        pid + " (p" + pid + ") S " + parent + " 0 0 0 -1 0 0 0 0 0 " + ticks + " 0 0 0 20 0 1 0\n");
    Files.writeString(
        dir.resolve("status"), ProcMemoryTest.status(rssKb, rssKb - shmemKb - 10, 10, shmemKb));
    Files.writeString(dir.resolve("cmdline"), cmdline.replace(' ', '\0') + "\0");
  }

  @Test
  void usage_processWithChildren_sumsTheTreeAndCountsSharedMemoryOnce() throws IOException {
    // A postmaster (10) with two backends (11, 12) and a grandchild (13); 20 is unrelated.
    process(proc, 10, 1, 100, 1000, 800, "postgres -D data");
    process(proc, 11, 10, 50, 900, 800, "postgres: backend");
    process(proc, 12, 10, 25, 850, 800, "postgres: backend");
    process(proc, 13, 12, 5, 100, 0, "helper");
    process(proc, 20, 1, 999, 5000, 0, "java -jar other.jar");
    ProcFs fs = new ProcFs(proc);

    ProcessUsage usage = fs.usage(10, fs.all());

    assertThat(usage.processes()).isEqualTo(4);
    assertThat(usage.cpuTicks()).isEqualTo(180);
    // Private parts (rss - shared) of all four, plus the shared segment once.
    long privateKb = (1000 - 800) + (900 - 800) + (850 - 800) + 100;
    assertThat(usage.rssBytes()).isEqualTo((privateKb + 800) * 1024);
  }

  @Test
  void usage_processThatEnded_isGone() throws IOException {
    process(proc, 10, 1, 100, 1000, 0, "x");
    ProcFs fs = new ProcFs(proc);
    Map<Long, ProcStat> all = fs.all();

    assertThat(fs.usage(99, all).exists()).isFalse();
  }

  @Test
  void all_ignoresEntriesThatAreNotProcesses() throws IOException {
    process(proc, 10, 1, 100, 1000, 0, "x");
    Files.createDirectories(proc.resolve("self"));
    Files.createDirectories(proc.resolve("77"));
    Files.writeString(proc.resolve("uptime"), "1.0 2.0\n");

    assertThat(new ProcFs(proc).all()).containsOnlyKeys(10L);
  }

  @Test
  void commandLine_nulSeparatedArguments_becomeSpaceSeparated() throws IOException {
    process(proc, 10, 1, 100, 1000, 0, "java -jar query-service/target/query-service.jar");

    assertThat(new ProcFs(proc).commandLine(10))
        .hasValueSatisfying(line -> assertThat(line).contains("-jar query-service"));
    assertThat(new ProcFs(proc).commandLine(11)).isEmpty();
  }

  @Test
  void busyTicks_procStat_countsEverythingButIdleAndIowait() {
    String stat = "cpu  1000 5 300 9000 40 0 20 3 0 0\ncpu0 500 2 150 4500 20 0 10 1 0 0\n";

    // user + nice + system + irq + softirq + steal
    assertThat(ProcFs.busyTicks(stat)).hasValue(1328);
    assertThat(ProcFs.busyTicks("intr 1 2 3\n")).isEmpty();
  }
}
