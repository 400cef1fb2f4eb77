package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intra-step state across SIGKILL: a resumed loop continues from its last saved state. */
class StateCrashTest {
  @TempDir Path dir;

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  /** Starts the child, kills it once {@code ready} says so, then resumes it to the end. */
  private String killThenFinish(String program, Path watched, int linesBeforeKill, int extraMillis)
      throws Exception {
    Process first =
        ChildJvm.start(dir.resolve("first.out"), StateCrashSteps.class, dir.toString(), program);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines(watched).size() < linesBeforeKill) {
      assertTrue(first.isAlive(), () -> "ended early");
      assertTrue(System.nanoTime() < deadline, "too slow");
      Thread.sleep(1);
    }
    Thread.sleep(extraMillis);
    first.destroyForcibly().waitFor();
    Process second =
        ChildJvm.start(dir.resolve("second.out"), StateCrashSteps.class, dir.toString(), program);
    assertTrue(second.waitFor(120, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("second.out"));
    assertEquals(0, second.exitValue(), out);
    return out;
  }

  @Test
  void aLoopKilledMidwayResumesAfterItsLastSavedIteration() throws Exception {
    Path log = dir.resolve("iterations.log");
    String out = killThenFinish("count", log, 200 + new Random().nextInt(500), 0);
    assertTrue(out.contains("result=1000"), out);
    int[] runs = new int[1000];
    for (String line : lines(log)) {
      runs[Integer.parseInt(line)]++;
    }
    int twice = 0;
    for (int i = 0; i < 1000; i++) {
      assertTrue(runs[i] == 1 || runs[i] == 2, "iteration " + i + " ran " + runs[i] + " times");
      twice += runs[i] - 1;
    }
    assertTrue(twice <= 1, "only the iteration in flight at the kill may run again: " + twice);
  }

  @Test
  void aKillDuringALargeStateWriteLeavesTheLastWholeStateReadable() throws Exception {
    // The first load happens only after a kill; kill while 2 MB states are being written, once the
    // child said a save returned (so a whole state exists), anywhere in the saves after it.
    Process first =
        ChildJvm.start(dir.resolve("first.out"), StateCrashSteps.class, dir.toString(), "big");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines(dir.resolve("saved.log")).isEmpty()) {
      assertTrue(first.isAlive() && System.nanoTime() < deadline, "child saved a state");
      Thread.sleep(1);
    }
    Thread.sleep(new Random().nextInt(200));
    first.destroyForcibly().waitFor();
    Process second =
        ChildJvm.start(dir.resolve("second.out"), StateCrashSteps.class, dir.toString(), "big");
    assertTrue(second.waitFor(120, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("second.out"));
    assertEquals(0, second.exitValue(), out);
    assertTrue(out.contains("result=200"), out);
    assertEquals(1, lines(dir.resolve("loads.log")).size(), "the resumed attempt loaded a state");
  }
}
