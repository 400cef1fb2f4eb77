package dev.waymark.samples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a real JVM with this test JVM's class path and module flags, for crash tests. */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(Path output, Class<?> main, String... args) throws IOException {
    return start(output, List.of(), main, args);
  }

  static Process start(Path output, List<String> jvmArgs, Class<?> main, String... args)
      throws IOException {
    return start(output, true, jvmArgs, main, args);
  }

  /** Starts {@code main}; {@code withModuleFlags} passes on this JVM's --add-opens and co. */
  static Process start(
      Path output, boolean withModuleFlags, List<String> jvmArgs, Class<?> main, String... args)
      throws IOException {
    return start(output, withModuleFlags, jvmArgs, List.of(), main.getName(), args);
  }

  /**
   * Starts {@code mainClass}, looked up in {@code classpath} first, then in this JVM's class path
   * (classes compiled by a test, say).
   */
  static Process start(
      Path output,
      boolean withModuleFlags,
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
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      boolean moduleFlag =
          flag.startsWith("--add-")
              || flag.startsWith("--enable-native-access")
              || flag.startsWith("--sun-misc");
      if ((moduleFlag && withModuleFlags) || flag.startsWith("-Dchronicle.")) {
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
      path.append(entry).append(java.io.File.pathSeparator);
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
   * Waits until {@code child} printed a line starting with {@code prefix} into {@code output}: a
   * crash test kills a child once it says it reached the state the test needs, never after a fixed
   * sleep. Fails when the child exits first or takes longer than {@code timeout}.
   */
  static String awaitLine(Process child, Path output, String prefix, java.time.Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String text =
          java.nio.file.Files.exists(output) ? java.nio.file.Files.readString(output) : "";
      for (String line : text.split("\n")) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!child.isAlive()) {
        throw new AssertionError("the child exited before printing " + prefix + ":\n" + text);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the child did not print " + prefix + " in " + timeout + ":\n" + text);
      }
      Thread.sleep(10);
    }
  }
}
