package io.cqrsshop.command;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A command-service in a JVM of its own, so that a test can kill it as a crash would. */
final class ChildService implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildService(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildService start(Map<String, String> env, String name) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = Path.of("target", name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    CommandServiceMain.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    try {
      return new ChildService(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM without letting it shut down (SIGKILL). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  File log() {
    return log.toFile();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
