package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries and checkpoint options across real JVM deaths: a JVM killed during a step counts as a
 * failed attempt, and an unstored step runs again only when a later step needs it.
 */
class StepOptionsCrashTest {
  @TempDir Path dir;

  /** Runs the child until it exits by itself; returns its last output and counts the launches. */
  private record Outcome(int launches, int exitCode, String output) {}

  private Outcome runUntilDone(String... args) throws Exception {
    for (int launch = 1; launch <= 15; launch++) {
      Path out = dir.resolve("launch-" + launch + ".out");
      String[] childArgs = new String[args.length + 1];
      childArgs[0] = dir.toString();
      System.arraycopy(args, 0, childArgs, 1, args.length);
      Process child = ChildJvm.start(out, CrashingSteps.class, childArgs);
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child finished");
      if (child.exitValue() != 137) {
        return new Outcome(launch, child.exitValue(), Files.readString(out));
      }
    }
    throw new AssertionError("still crashing after 15 launches");
  }

  private List<String> executions() throws Exception {
    return Files.readAllLines(dir.resolve("executions.log"));
  }

  @Test
  void aStepThatCrashesTenTimesSucceedsWithTenRetries() throws Exception {
    Outcome outcome = runUntilDone("crash", "10");
    assertEquals(0, outcome.exitCode(), outcome.output());
    assertTrue(outcome.output().contains("result=10"), outcome.output());
    assertEquals(11, outcome.launches());
    assertEquals(11, executions().size(), "ten crashed attempts and the one that returned");
  }

  @Test
  void aStepThatCrashesElevenTimesFailsAfterItsElevenAttempts() throws Exception {
    Outcome outcome = runUntilDone("crash", "11");
    assertEquals(3, outcome.exitCode(), outcome.output());
    assertTrue(
        outcome.output().contains("failed=dev.waymark.exceptions.StepCrashedException"),
        outcome.output());
    assertTrue(outcome.output().contains("11 attempt(s) are spent"), outcome.output());
    assertTrue(
        outcome
            .output()
            .contains(
                "message=workflow 'crash' failed in task 'crashWhileBelow'"
                    + " (all 11 attempts lost to process crashes)"),
        outcome.output());
    assertEquals(12, outcome.launches());
    assertEquals(11, executions().size(), "the twelfth launch does not start the step again");
  }

  @Test
  void aFailureSaysHowManyAttemptsWereUsedAndHowManyACrashCost() throws Exception {
    Outcome outcome = runUntilDone("price");
    assertEquals(3, outcome.exitCode(), outcome.output());
    assertEquals(2, outcome.launches(), "killed once, then failing for good");
    assertTrue(
        outcome
            .output()
            .contains(
                "message=workflow 'price' failed in task 'priceOrder'"
                    + " (attempt 4 of 4, 1 lost to a process crash):"
                    + " java.lang.IllegalStateException: no price for order 7"),
        outcome.output());
    assertEquals(4, executions().size(), "the crashed attempt and three that threw");
  }

  @Test
  void anUnstoredFirstStepRunsAgainOnlyWhenALaterStepNeedsIt() throws Exception {
    // Killed in step 2: step 1's output was not stored, so the resume runs step 1 once more.
    Files.createFile(dir.resolve("crash-in-preprocessing"));
    Outcome first = runUntilDone("pipeline");
    assertTrue(first.output().contains("result=285"), first.output());
    assertEquals(
        List.of("readData", "preprocessing", "readData", "preprocessing", "aggregate"),
        executions());
  }

  @Test
  void aCrashAfterStepTwoWasStoredNeverRunsStepOneOrTwoAgain() throws Exception {
    Files.createFile(dir.resolve("crash-in-aggregate"));
    Outcome first = runUntilDone("pipeline");
    assertTrue(first.output().contains("result=285"), first.output());
    assertEquals(List.of("readData", "preprocessing", "aggregate", "aggregate"), executions());
  }
}
