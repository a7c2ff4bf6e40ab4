package io.cqrsshop.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ShutdownSequenceTest {

  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final ShutdownSequence sequence = new ShutdownSequence("test-service");

  @Test
  void run_stepsRegisteredInStartOrder_runInReverse() {
    sequence.add("database", () -> ran.add("database")).add("server", () -> ran.add("server"));

    sequence.run();

    assertThat(ran).containsExactly("server", "database");
  }

  @Test
  void run_failingStep_laterStepsStillRun() {
    sequence
        .add("database", () -> ran.add("database"))
        .add(
            "server",
            () -> {
              throw new IllegalStateException("boom");
            });

    sequence.run();

    assertThat(ran).containsExactly("database");
  }

  @Test
  void run_calledTwice_runsEachStepOnce() {
    sequence.add("server", () -> ran.add("server"));

    sequence.run();
    sequence.run();

    assertThat(ran).containsExactly("server");
  }

  @Test
  void run_calledWhileRunning_secondCallerWaitsForTheFirst() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    sequence
        .add("database", () -> ran.add("database"))
        .add(
            "server",
            () -> {
              entered.countDown();
              release.await();
            });
    CompletableFuture<Void> first = CompletableFuture.runAsync(sequence::run);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> second = CompletableFuture.runAsync(sequence::run);

    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !second.isDone());
    release.countDown();
    CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
    assertThat(ran).containsExactly("database");
  }

  @Test
  void run_inARunningJvm_leavesLoggingOn() {
    sequence.add("server", () -> ran.add("server"));

    sequence.run();

    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(logging.isStarted()).isTrue();
  }
}
