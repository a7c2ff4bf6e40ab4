package io.cqrsshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuMeterTest {

  @TempDir Path proc;
  @TempDir Path state;

  private CpuMeter meter() throws IOException {
    Files.createDirectories(state.resolve("run"));
    Files.writeString(state.resolve("run/query-service.pid"), "100\n");
    ProcFs fs = new ProcFs(proc);
    return new CpuMeter(fs, new StackProcesses(fs, state));
  }

  @Test
  void since_processWorked_reportsItsCpuTimeAndItsMemoryAtTheEnd() throws IOException {
    ProcFsTest.process(proc, 100, 1, 1_000, 2048, 0, "java -jar query-service.jar");
    CpuMeter meter = meter();
    CpuMeter.Reading start = meter.read();
    // 250 ticks = 2.5 s of CPU over the measurement.
    ProcFsTest.process(proc, 100, 1, 1_250, 4096, 0, "java -jar query-service.jar");

    Costs costs = meter.since(start);

    Costs.Used used = costs.used().get(Component.QUERY_SERVICE);
    assertThat(used.cpuSeconds()).isEqualTo(2.5);
    assertThat(used.microsPerOp(5_000).getAsDouble()).isEqualTo(500.0);
    assertThat(used.cores(Duration.ofSeconds(5)).getAsDouble()).isEqualTo(0.5);
    assertThat(used.rssMegabytes()).isEqualTo(4.0);
    assertThat(costs.unmeasured()).containsKey(Component.ELASTICSEARCH);
  }

  @Test
  void since_processReplacedByAnotherPid_isUnmeasured() throws IOException {
    ProcFsTest.process(proc, 100, 1, 1_000, 2048, 0, "java -jar query-service.jar");
    CpuMeter meter = meter();
    CpuMeter.Reading start = meter.read();
    ProcFsTest.process(proc, 101, 1, 10, 2048, 0, "java -jar query-service.jar");
    Files.writeString(state.resolve("run/query-service.pid"), "101\n");

    Costs costs = meter.since(start);

    assertThat(costs.used()).doesNotContainKey(Component.QUERY_SERVICE);
    assertThat(costs.unmeasured().get(Component.QUERY_SERVICE)).contains("restarted");
  }

  @Test
  void since_machineBusierThanTheStack_countsTheRestAsOthers() throws IOException {
    ProcFsTest.process(proc, 100, 1, 1_000, 2048, 0, "java -jar query-service.jar");
    Files.writeString(proc.resolve("stat"), "cpu  5000 0 1000 90000 0 0 0 0 0 0\n");
    CpuMeter meter = meter();
    CpuMeter.Reading start = meter.read();
    ProcFsTest.process(proc, 100, 1, 1_250, 2048, 0, "java -jar query-service.jar");
    Files.writeString(proc.resolve("stat"), "cpu  5500 0 1100 90000 0 0 0 0 0 0\n");

    Costs costs = meter.since(start);

    // 600 busy ticks on the machine, 250 of them the query-service's (the harness is not in the
    // fake /proc).
    assertThat(costs.used().get(Component.OTHERS).cpuTicks()).isEqualTo(350);
  }

  @Test
  void microsPerOp_withoutOperations_isEmpty() {
    assertThat(new Costs.Used(100, 0).microsPerOp(0)).isEmpty();
  }
}
