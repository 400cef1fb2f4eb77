package dev.waymark.samples;

import dev.waymark.Checkpointer;
import dev.waymark.StepContext;
import dev.waymark.Waymark;
import dev.waymark.annotations.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Child programs for intra-step checkpoint crash tests: a loop that saves its position after each
 * iteration, and a loop that saves large states, checking on every load that the state it gets is
 * whole.
 */
public final class StateCrashSteps {
  private static Path dir;

  private StateCrashSteps() {}

  /** 1,000 iterations, each logged, then its position saved synchronously. */
  @Step
  static int countTo(int n) throws Exception {
    Checkpointer<Integer> checkpoint = StepContext.current().checkpointer();
    int start = checkpoint.load().orElse(0);
    for (int i = start; i < n; i++) {
      Files.writeString(
          dir.resolve("iterations.log"),
          i + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Thread.sleep(2);
      checkpoint.save(i + 1);
    }
    return n;
  }

  /**
   * Saves 2 MB states: byte 0 is the iteration, all the others equal it. A torn state would have
   * mixed bytes; every load checks and fails loudly if so.
   */
  @Step
  static int bigStates(int n) throws Exception {
    Checkpointer<byte[]> checkpoint = StepContext.current().checkpointer();
    int start = 0;
    byte[] loaded = checkpoint.load().orElse(null);
    if (loaded != null) {
      for (byte b : loaded) {
        if (b != loaded[0]) {
          throw new IllegalStateException("torn state: mixed bytes");
        }
      }
      start = (loaded[0] & 0xff) + 1;
      Files.writeString(
          dir.resolve("loads.log"),
          start + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    byte[] state = new byte[2 << 20];
    for (int i = start; i < n; i++) {
      Arrays.fill(state, (byte) i);
      checkpoint.save(state);
      Files.writeString(
          dir.resolve("saved.log"),
          i + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    return n;
  }

  /** Arguments: a directory, then {@code count} or {@code big}. Prints {@code result=...}. */
  public static void main(String[] args) {
    dir = Path.of(args[0]);
    try (Waymark waymark = Waymark.open(dir.resolve("storage"))) {
      Object result =
          args[1].equals("count")
              ? waymark.run(StateCrashStepsSteps.countTo(1000), "count")
              : waymark.run(StateCrashStepsSteps.bigStates(200), "big");
      System.out.println("result=" + result);
    }
  }
}
