package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.annotations.Checkpoint;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.annotations.Step;
import dev.waymark.exceptions.WorkflowExecutionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Child programs of the crash tests for step options: steps that kill their own JVM, and a pipeline
 * whose first step is not checkpointed. Every step body appends its name to a log file, so the
 * parent can count executions across JVMs.
 */
public final class CrashingSteps {
  private static Path dir;

  private CrashingSteps() {}

  /** Kills this JVM while the durable counter is below {@code n}; then returns the counter. */
  @Step(maxRetries = 10)
  static int crashWhileBelow(int n) throws IOException, InterruptedException {
    log("crashWhileBelow");
    Path counter = dir.resolve("counter");
    int count = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 0;
    if (count < n) {
      Files.writeString(counter, Integer.toString(count + 1));
      killThisJvm();
    }
    return count;
  }

  /** Kills this JVM in its first attempt, then throws in every later one. */
  @Step(maxRetries = 3, retryExceptions = true)
  static int priceOrder(int order) throws IOException, InterruptedException {
    log("priceOrder");
    Path crashed = dir.resolve("crashed-once");
    if (!Files.exists(crashed)) {
      Files.createFile(crashed);
      killThisJvm();
    }
    throw new IllegalStateException("no price for order " + order);
  }

  @Step
  @Checkpoint(CheckpointMode.FALSE)
  static List<Integer> readData(int num) throws IOException, InterruptedException {
    log("readData");
    crashIfAsked("readData");
    return java.util.stream.IntStream.range(0, num).boxed().toList();
  }

  @Step
  static List<Integer> preprocessing(List<Integer> data) throws IOException, InterruptedException {
    log("preprocessing");
    crashIfAsked("preprocessing");
    return data.stream().map(d -> d * d).toList();
  }

  @Step
  static int aggregate(List<Integer> data) throws IOException, InterruptedException {
    log("aggregate");
    crashIfAsked("aggregate");
    return data.stream().mapToInt(Integer::intValue).sum();
  }

  /** Kills the JVM in {@code step} once: the parent creates the file "crash-in-STEP". */
  private static void crashIfAsked(String step) throws IOException, InterruptedException {
    if (Files.deleteIfExists(dir.resolve("crash-in-" + step))) {
      killThisJvm();
    }
  }

  private static void log(String step) throws IOException {
    Files.writeString(
        dir.resolve("executions.log"),
        step + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  static void killThisJvm() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid()))
        .start()
        .waitFor();
    Runtime.getRuntime().halt(137);
  }

  /**
   * Arguments: a directory (storage, counter, log), then {@code crash N}, {@code price} or {@code
   * pipeline}. Prints {@code result=...}, or {@code failed=...} and {@code message=...}; a failed
   * workflow exits with 3.
   */
  public static void main(String[] args) {
    dir = Path.of(args[0]);
    try (Waymark waymark = Waymark.open(dir.resolve("storage"))) {
      Object result =
          switch (args[1]) {
            case "crash" ->
                waymark.run(CrashingStepsSteps.crashWhileBelow(Integer.parseInt(args[2])), "crash");
            case "price" -> waymark.run(CrashingStepsSteps.priceOrder(7), "price");
            default ->
                waymark.run(
                    CrashingStepsSteps.aggregate(
                        CrashingStepsSteps.preprocessing(CrashingStepsSteps.readData(10))),
                    "pipeline");
          };
      System.out.println("result=" + result);
    } catch (WorkflowExecutionException e) {
      System.out.println("failed=" + e.getCause());
      System.out.println("message=" + e.getMessage());
      System.exit(3);
    }
  }
}
