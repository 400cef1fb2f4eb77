package dev.waymark.test;

import dev.waymark.internal.storage.JvmFlags;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real child JVMs for crash tests: {@code main} runs with this JVM's class path and the JVM flags
 * Waymark's storage needs, its output goes to a file, and the test kills it with SIGKILL once it
 * printed that it reached the state the test needs, never after a fixed sleep. A crash point
 * ({@link #crashAfterCommit}, ...) has the child stop at a chosen step and say so.
 *
 * <pre>{@code
 * Process child = ChildJvm.start(log, List.of(ChildJvm.crashAfterCommit("charge")),
 *     OrderProgram.class, storage.toString());
 * ChildJvm.awaitLine(child, log, ChildJvm.CRASH_LINE, Duration.ofSeconds(60));
 * assertEquals(137, ChildJvm.kill(child)); // SIGKILL right after the charge committed
 * }</pre>
 */
public final class ChildJvm {
  /** What a child prints when it reaches its crash point; it then waits for SIGKILL. */
  public static final String CRASH_LINE = "WAYMARK-CRASH ";

  private static final String CRASH_PROPERTY = "-Dwaymark.crash=";

  private ChildJvm() {}

  /** The JVM argument that stops the child right after task {@code taskId}'s output commits. */
  public static String crashAfterCommit(String taskId) {
    return CRASH_PROPERTY + "after-commit:" + taskId;
  }

  /** The JVM argument that stops the child after {@code taskId}'s step returned, uncommitted. */
  public static String crashBeforeCommit(String taskId) {
    return CRASH_PROPERTY + "before-commit:" + taskId;
  }

  /** The JVM argument that stops the child in a state save of {@code taskId}'s step. */
  public static String crashInStateSave(String taskId) {
    return CRASH_PROPERTY + "in-state-save:" + taskId;
  }

  /** {@link #crashAfterCommit(String)} in workflow {@code workflowId} only. */
  public static String crashAfterCommit(String taskId, String workflowId) {
    return crashAfterCommit(taskId) + ":" + workflowId;
  }

  /** {@link #crashBeforeCommit(String)} in workflow {@code workflowId} only. */
  public static String crashBeforeCommit(String taskId, String workflowId) {
    return crashBeforeCommit(taskId) + ":" + workflowId;
  }

  /** {@link #crashInStateSave(String)} in workflow {@code workflowId} only. */
  public static String crashInStateSave(String taskId, String workflowId) {
    return crashInStateSave(taskId) + ":" + workflowId;
  }

  /** Starts {@code main} with {@code args}; its output (and errors) go to {@code output}. */
  public static Process start(Path output, Class<?> main, String... args) throws IOException {
    return start(output, List.of(), main, args);
  }

  /** Starts {@code main} with {@code jvmArgs} (such as a crash point) and {@code args}. */
  public static Process start(Path output, List<String> jvmArgs, Class<?> main, String... args)
      throws IOException {
    return start(output, true, jvmArgs, List.of(), main.getName(), args);
  }

  /**
   * Starts {@code main}; {@code withStorageFlags} false leaves out the JVM flags the storage needs.
   */
  public static Process start(
      Path output, boolean withStorageFlags, List<String> jvmArgs, Class<?> main, String... args)
      throws IOException {
    return start(output, withStorageFlags, jvmArgs, List.of(), main.getName(), args);
  }

  /**
   * Starts {@code mainClass}, looked up in {@code classpath} first, then in this JVM's class path.
   * {@code withStorageFlags} false leaves out the JVM flags the storage needs (a test of the
   * message their absence gives). This JVM's {@code -Dchronicle.*} properties and the storage
   * layout it tests ({@code waymark.storage.layout}) are passed on.
   */
  public static Process start(
      Path output,
      boolean withStorageFlags,
      List<String> jvmArgs,
      List<Path> classpath,
      String mainClass,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (withStorageFlags) {
      command.addAll(JvmFlags.forThisJdk());
    }
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("-Dchronicle.")) {
        command.add(flag);
      }
    }
    command.add("-Xmx256m");
    // Short-lived children: start fast rather than optimise for the long run.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmArgs);
    String layout = System.getProperty("waymark.storage.layout");
    if (layout != null && jvmArgs.stream().noneMatch(arg -> arg.startsWith("-Dwaymark.storage."))) {
      command.add("-Dwaymark.storage.layout=" + layout); // the layout under test, in the child too
    }
    command.add("-cp");
    StringBuilder path = new StringBuilder();
    for (Path entry : classpath) {
      path.append(entry).append(File.pathSeparator);
    }
    command.add(path + System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  /**
   * Waits until {@code child} printed a whole line (ended by a line break) starting with {@code
   * prefix} into {@code output}, and returns it. Fails when the child exits first or takes longer
   * than {@code timeout}.
   */
  public static String awaitLine(Process child, Path output, String prefix, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean alive = child.isAlive(); // before reading: a child that exited wrote everything
      String text = Files.exists(output) ? Files.readString(output) : "";
      // A line still being written counts once it is whole, or once the child has exited.
      String whole = alive ? text.substring(0, text.lastIndexOf('\n') + 1) : text;
      for (String line : whole.split("\n")) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!alive) {
        throw new AssertionError("the child exited before printing " + prefix + ":\n" + text);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the child did not print " + prefix + " in " + timeout + ":\n" + text);
      }
      Thread.sleep(10);
    }
  }

  /** Kills {@code child} with SIGKILL and returns its exit code once it is gone (137). */
  public static int kill(Process child) throws InterruptedException {
    child.destroyForcibly(); // SIGKILL on Linux and macOS
    return child.waitFor();
  }
}
