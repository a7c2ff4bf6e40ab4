package io.cqrsshop.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code main} in a JVM of its own, on the test's class path, so that a test can kill
 * it as a crash would (SIGKILL: no shutdown hook runs). Its output goes to {@code
 * target/<name>.log}.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static ChildJvm start(Class<?> mainClass, Map<String, String> env, String name) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = Path.of("target", name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(java, "-cp", System.getProperty("java.class.path"), mainClass.getName()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    try {
      return new ChildJvm(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM without letting it shut down (SIGKILL). */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public File log() {
    return log.toFile();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
