package dev.waymark.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a JVM running a main class of this jar (with its class path and {@link JvmFlags}), for the
 * parts that need a process of their own: a JVM to kill, a cold start, a peer kept apart.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code main}; its standard output and error go to {@code log}. */
  public static Process start(Path log, String heap, Class<?> main, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JvmFlags.chronicle());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Runs {@code main} to its end and returns its output.
   *
   * @throws IOException when it fails or takes longer than {@code timeoutSeconds}; the message ends
   *     with the last lines it printed
   */
  public static String run(
      Path log, String heap, long timeoutSeconds, Class<?> main, List<String> args)
      throws IOException, InterruptedException {
    Process process = start(log, heap, main, args);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException(
          main.getSimpleName() + " took longer than " + timeoutSeconds + " s" + tail(log));
    }
    String output = Files.readString(log);
    if (process.exitValue() != 0) {
      throw new IOException(
          main.getSimpleName()
              + " exited with code "
              + process.exitValue()
              + cause(log)
              + tail(log));
    }
    return output;
  }

  /** {@code " (first exception)"} from a log, for the first line of an error message. */
  static String cause(Path log) {
    try {
      for (String line : Files.readAllLines(log)) {
        if (line.contains("Exception: ") || line.contains("Error: ")) {
          String cause = line.replaceFirst("^Exception in thread \"[^\"]*\" ", "").trim();
          return " (" + (cause.length() > 240 ? cause.substring(0, 240) + "..." : cause) + ")";
        }
      }
    } catch (IOException e) {
      // no cause to add
    }
    return "";
  }

  /** The last lines of a log, for an error message. */
  public static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return ":\n    "
          + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    } catch (IOException e) {
      return " (no output: " + e.getMessage() + ")";
    }
  }
}
