package io.cqrsshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcMemoryTest {

  static String status(long rss, long anon, long file, long shmem) {
    return "Name:\tpostgres\nState:\tS (sleeping)\nVmPeak:\t  999999 kB\nVmRSS:\t "
        + rss
        + " kB\nRssAnon:\t "
        + anon
        + " kB\nRssFile:\t "
        + file
        + " kB\nRssShmem:\t "
        + shmem
        + " kB\nThreads:\t1\n";
  }

  @Test
  void parse_status_readsResidentMemoryAndItsPartsInBytes() {
    ProcMemory memory = ProcMemory.parse(status(1300, 1000, 200, 100));

    assertThat(memory.rss()).isEqualTo(1300 * 1024L);
    assertThat(memory.shmem().getAsLong()).isEqualTo(100 * 1024L);
    assertThat(memory.privateAndFile()).isEqualTo(1200 * 1024L);
  }

  @Test
  void parse_kernelThreadWithoutMemoryLines_isZero() {
    ProcMemory memory = ProcMemory.parse("Name:\tkthreadd\nState:\tS (sleeping)\n");

    assertThat(memory.rss()).isZero();
    assertThat(memory.privateAndFile()).isZero();
  }

  @Test
  void privateAndFile_olderKernelWithoutParts_fallsBackToVmRss() {
    ProcMemory memory = ProcMemory.parse("VmRSS:\t 512 kB\n");

    assertThat(memory.privateAndFile()).isEqualTo(512 * 1024L);
  }
}
