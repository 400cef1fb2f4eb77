package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.WorkflowStore;
import dev.waymark.test.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a child JVM with SIGKILL in the middle of a 50-step chain, resumes it in a new JVM, and
 * checks that the result is right and that no step whose output was committed ran again.
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  /** Ten distinct kill points (the number of step executions seen before the kill), seeded. */
  static Stream<Integer> killPoints() {
    return new Random(20261122).ints(1, CrashChain.STEPS - 1).distinct().limit(10).boxed();
  }

  @ParameterizedTest(name = "killed after {0} step executions")
  @MethodSource("killPoints")
  void resumesAfterSigkillWithoutRerunningCommittedSteps(int killAfter) throws Exception {
    Path storage = dir.resolve("storage");
    Path log = dir.resolve("executions.log");
    Process first =
        ChildJvm.start(
            dir.resolve("first.out"), CrashChain.class, storage.toString(), log.toString(), "run");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (executions(log).size() < killAfter) {
      assertTrue(first.isAlive(), () -> "child ended early: " + read(dir.resolve("first.out")));
      assertTrue(System.nanoTime() < deadline, "child too slow");
      Thread.sleep(1);
    }
    Thread.sleep(new Random(killAfter).nextInt(15)); // land anywhere inside the step
    first.destroyForcibly(); // SIGKILL
    first.waitFor();
    assertEquals(137, first.exitValue(), "killed by SIGKILL");

    boolean[] committed = new boolean[CrashChain.STEPS];
    try (Storage store = Storages.open(storage);
        WorkflowStore claim = store.claim(CrashChain.ID, false)) {
      for (int t = 0; t < CrashChain.STEPS; t++) {
        committed[t] = claim.values().contains(t); // a root task's output is stored under its index
      }
    }
    int committedCount =
        (int) IntStream.range(0, CrashChain.STEPS).filter(t -> committed[t]).count();
    assertTrue(committedCount >= killAfter - 1, "each logged step but the last had committed");

    Process second =
        ChildJvm.start(
            dir.resolve("second.out"),
            CrashChain.class,
            storage.toString(),
            log.toString(),
            "resume");
    assertTrue(second.waitFor(120, TimeUnit.SECONDS), "resume finished");
    String out = read(dir.resolve("second.out"));
    assertEquals(0, second.exitValue(), out);
    assertTrue(out.contains("result=" + (CrashChain.STEPS * (CrashChain.STEPS - 1) / 2)), out);

    int[] runs = new int[CrashChain.STEPS];
    executions(log).forEach(i -> runs[i]++);
    int rerun = 0;
    for (int t = 0; t < CrashChain.STEPS; t++) {
      if (committed[t]) {
        assertEquals(
            1, runs[t], "step " + t + " was committed before the kill and must not run again");
      } else {
        assertTrue(runs[t] == 1 || runs[t] == 2, "step " + t + " ran " + runs[t] + " times");
        rerun += runs[t] - 1;
      }
    }
    assertTrue(rerun <= 1, "only the step in flight at the kill may run twice, " + rerun + " did");
  }

  private static List<Integer> executions(Path log) throws Exception {
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream()
        .filter(s -> !s.isBlank())
        .map(Integer::parseInt)
        .toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "(no output: " + e + ")";
    }
  }
}
