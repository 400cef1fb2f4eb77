package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child program of the crash tests: a 50-step chain whose steps log each execution (one line
 * per run of a step body) before they return, so the parent can kill the JVM at a chosen point and
 * count executions afterwards.
 */
public final class CrashChain {
  static final int STEPS = 50;
  static final String ID = "chain";
  static Path log;

  private CrashChain() {}

  @Step
  static int link(int index, int total) throws IOException, InterruptedException {
    Files.write(
        log,
        (index + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Thread.sleep(15);
    return total + index;
  }

  static Workflow<Integer> chain() {
    Workflow<Integer> total = Workflow.of(0);
    for (int i = 0; i < STEPS; i++) {
      total = CrashChainSteps.link(Workflow.of(i), total);
    }
    return total;
  }

  /** Arguments: storage directory, execution log file, and {@code run} or {@code resume}. */
  public static void main(String[] args) {
    log = Path.of(args[1]);
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      int result = args[2].equals("run") ? waymark.run(chain(), ID) : waymark.resume(ID);
      System.out.println("result=" + result);
    }
  }
}
