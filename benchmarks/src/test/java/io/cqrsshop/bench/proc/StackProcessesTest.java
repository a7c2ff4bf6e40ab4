package io.cqrsshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackProcessesTest {

  @TempDir Path proc;
  @TempDir Path state;

  private void pidFile(String path, String content) throws IOException {
    Path file = state.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void locate_pidFilesOfLiveProcesses_findsThemAndSaysWhyOthersAreMissing() throws IOException {
    ProcFsTest.process(
        proc, 100, 1, 0, 1, 0, "java -jar command-service/target/command-service.jar");
    ProcFsTest.process(proc, 200, 1, 0, 1, 0, "/usr/lib/postgresql/15/bin/postgres -D data");
    ProcFsTest.process(proc, 300, 1, 0, 1, 0, "/usr/bin/vim");
    pidFile("run/command-service.pid", "100\n");
    // PostgreSQL's pid file holds more than the pid.
    pidFile("data/postgres/data/postmaster.pid", "200\n/data\n1796111864\n5432\n");
    // A pid file left behind, whose pid now belongs to another program.
    pidFile("run/projector.pid", "300");
    pidFile("run/query-service.pid", "400");
    pidFile("data/nats/nats.pid", "not a pid");

    StackProcesses.Located located = new StackProcesses(new ProcFs(proc), state).locate();

    assertThat(located.pids())
        .containsEntry(Component.COMMAND_SERVICE, 100L)
        .containsEntry(Component.POSTGRES, 200L)
        .containsEntry(Component.HARNESS, ProcessHandle.current().pid());
    assertThat(located.missing().get(Component.PROJECTOR)).contains("is not projector");
    assertThat(located.missing().get(Component.QUERY_SERVICE)).contains("is not running");
    assertThat(located.missing().get(Component.NATS)).contains("not a pid");
    assertThat(located.missing().get(Component.ELASTICSEARCH)).contains("no pid file");
  }

  @Test
  void locate_noPidFiles_findsTheProcessesByTheMarksDevGivesThem() throws IOException {
    Path real = state.toRealPath();
    ProcFsTest.process(
        proc,
        100,
        1,
        0,
        1,
        0,
        "java -Dcqrsshop.dev=" + real.resolve("run/projector") + " -jar /x/projector.jar");
    // Another checkout's projector: its mark names another state directory.
    ProcFsTest.process(
        proc,
        101,
        1,
        0,
        1,
        0,
        "java -Dcqrsshop.dev=/elsewhere/run/projector -jar /y/projector.jar");
    ProcFsTest.process(
        proc, 200, 1, 0, 1, 0, "/usr/bin/nats-server -js -sd " + real.resolve("data/nats/store"));
    ProcFsTest.process(proc, 300, 1, 0, 1, 0, "java -m org.elasticsearch.server/Elasticsearch");
    Path logs = Files.createDirectories(state.resolve("data/elasticsearch/logs"));
    Files.createSymbolicLink(proc.resolve("300/cwd"), logs.toRealPath());

    StackProcesses.Located located = new StackProcesses(new ProcFs(proc), state).locate();

    assertThat(located.pids())
        .containsEntry(Component.PROJECTOR, 100L)
        .containsEntry(Component.NATS, 200L)
        .containsEntry(Component.ELASTICSEARCH, 300L)
        .doesNotContainKey(Component.QUERY_SERVICE);
    assertThat(located.missing().get(Component.QUERY_SERVICE))
        .contains("no pid file")
        .contains("no process marked");
  }
}
