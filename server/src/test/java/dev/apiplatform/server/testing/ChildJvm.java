package dev.apiplatform.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code main} class run in a JVM of its own on this test's class path, so a test can
 * {@link #kill()} it with SIGKILL (no shutdown hook, no graceful stop) and then restart its stores
 * in-process on the same data directory. Every output line goes to {@code onLine} as it comes.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Thread reader;

  private ChildJvm(Process process, Consumer<String> onLine) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) onLine.accept(line);
      } catch (IOException ignored) {
        // the child was killed
      }
    }, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static ChildJvm start(Class<?> main, List<String> args, Consumer<String> onLine) throws IOException {
    return start(main, List.of(), args, onLine);
  }

  /** With JVM options before the main class ({@code -Xmx64m}: a child that must not hold a large body). */
  public static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args, Consumer<String> onLine)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start(), onLine);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits for the process and the last of its output. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    reader.join();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
