package io.cqrsshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.bench.HarnessException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A frozen service must be thawed whatever happens to the measurement: closed normally, left by an
 * exception, or the harness exiting without closing it. Each case freezes a real process (a {@code
 * sleep}) and looks at its state in /proc.
 */
class SuspensionTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private final ProcFs proc = ProcFs.system();
  private Process sleeper;

  @BeforeEach
  void startSleeper() throws IOException {
    sleeper = new ProcessBuilder("sleep", "60").start();
  }

  @AfterEach
  void stopSleeper() {
    sleeper.destroyForcibly();
  }

  private boolean stopped(Process process) {
    return proc.stat(process.pid()).map(ProcStat::isStopped).orElse(false);
  }

  @Test
  void freeze_thenClose_stopsTheProcessAndResumesIt() {
    try (Suspension frozen =
        Suspension.freeze(proc, Map.of(Component.PROJECTOR, sleeper.pid()), QUIET)) {
      assertThat(stopped(sleeper)).isTrue();
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> !stopped(sleeper));
  }

  @Test
  void freeze_measurementThrows_stillResumesTheProcess() {
    assertThatThrownBy(
            () -> {
              try (Suspension frozen =
                  Suspension.freeze(proc, Map.of(Component.PROJECTOR, sleeper.pid()), QUIET)) {
                throw new HarnessException("the measurement failed");
              }
            })
        .hasMessage("the measurement failed");

    await().atMost(Duration.ofSeconds(5)).until(() -> !stopped(sleeper));
  }

  @Test
  void freeze_oneProcessCannotBeFrozen_resumesTheOthersAndSaysWhich() {
    long gone = Integer.MAX_VALUE;
    Map<Component, Long> processes = new LinkedHashMap<>();
    processes.put(Component.PROJECTOR, sleeper.pid());
    processes.put(Component.QUERY_SERVICE, gone);

    assertThatThrownBy(() -> Suspension.freeze(proc, processes, QUIET))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining(Long.toString(gone));

    await().atMost(Duration.ofSeconds(5)).until(() -> !stopped(sleeper));
  }

  @Test
  void freeze_harnessExitsWithoutClosing_theShutdownHookResumesTheProcess() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process harness =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ExitsWhileFrozen.class.getName(),
                Long.toString(sleeper.pid()))
            .redirectErrorStream(true)
            .start();

    assertThat(harness.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(harness.exitValue())
        .as(new String(harness.getInputStream().readAllBytes()))
        .isEqualTo(3);
    await().atMost(Duration.ofSeconds(5)).until(() -> !stopped(sleeper));
  }

  /** A harness that freezes a process, checks it stopped, and exits as if it had failed. */
  static final class ExitsWhileFrozen {
    public static void main(String[] args) {
      ProcFs proc = ProcFs.system();
      long pid = Long.parseLong(args[0]);
      Suspension.freeze(proc, Map.of(Component.PROJECTOR, pid), QUIET);
      boolean frozen = proc.stat(pid).map(ProcStat::isStopped).orElse(false);
      System.exit(frozen ? 3 : 4);
    }
  }
}
