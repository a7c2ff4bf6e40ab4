package io.cqrsshop.bench;

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
}
