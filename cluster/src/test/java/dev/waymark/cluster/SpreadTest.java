package dev.waymark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Result;
import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowCancelledException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three runtimes of one cluster on loopback, in this JVM, each running two steps at once, used
 * through the public API: the independent steps of a wide workflow spread over the members, and
 * what a step does there (fail, retry, be caught, be canceled) is what it does on its driver.
 */
@Timeout(120)
class SpreadTest {
  private static final int WIDE = 24;

  @TempDir static Path dir;

  private static final List<Waymark> members = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws InterruptedException {
    members.addAll(LoopbackCluster.start(dir, "spread", 5931, 2));
  }

  @AfterAll
  static void stopCluster() {
    members.forEach(Waymark::close);
  }

  @Test
  void theStepsOfAWideWorkflowRunOnEveryMember() {
    List<String> ran = members.get(0).run(Fan.wide(WIDE, i -> FanSteps.where(i)), "where");
    assertEquals(WIDE, ran.size());
    for (int i = 0; i < WIDE; i++) {
      assertTrue(ran.get(i).endsWith(" " + i), ran.get(i));
    }
    assertTrue(
        ran.stream().anyMatch(thread -> thread.startsWith("waymark-")), "some ran on the driver");
    assertEquals(2, lenders(ran).size(), "both other members ran some: " + ran);
  }

  @Test
  void aStepThatAsksForItsCheckpointerRunsOnItsDriver() {
    List<String> ran = members.get(1).run(Fan.wide(WIDE, i -> FanSteps.withState(i)), "state");
    assertEquals(WIDE, ran.size());
    assertEquals(Set.of(), lenders(ran), "none ran elsewhere: " + ran);
  }

  @Test
  void aLentStepIsRetriedAsOnItsDriverAndKnowsItsWorkflowTaskAndAttempt() {
    List<String> ran = members.get(2).run(Fan.wide(WIDE, i -> FanSteps.once(i)), "once");
    for (int i = 0; i < WIDE; i++) {
      String task = i == 0 ? "once" : "once_" + i;
      assertEquals("once " + task + " 2 " + i, ran.get(i));
    }
  }

  @Test
  void theExceptionOfALentStepIsCaughtAsOnItsDriver() {
    List<Result<Integer>> results = members.get(0).run(Fan.evens(WIDE), "evens");
    for (int i = 0; i < WIDE; i++) {
      Result<Integer> result = results.get(i);
      if (i % 2 == 0) {
        assertEquals(i, result.value());
      } else {
        assertFalse(result.isSuccess());
        assertTrue(result.exception().is(IllegalArgumentException.class), result.toString());
        assertEquals("odd: " + i, result.exception().getMessage());
      }
    }
  }

  @Test
  void stepsGoToOtherMembersWhileLongStepsHoldEveryDriverSlot() throws InterruptedException {
    // Two steps only the driver may run take its two slots and keep them: the other steps, waiting
    // for a slot there, go to the members with one free, rather than wait for those two to end.
    CompletableFuture<List<String>> run = members.get(0).runAsync(Fan.heldUp(WIDE), "held-up");
    while (Fan.PASSED.get() < WIDE - 2) {
      assertFalse(run.isDone(), () -> run.join().toString());
      Thread.sleep(10); // else the timeout: the steps waited for the driver's slots
    }
    Fan.RELEASE.countDown();
    List<String> ran = run.join();
    for (int i = 0; i < WIDE; i++) {
      assertTrue(ran.get(i).endsWith(" " + i), ran.get(i));
    }
    assertTrue(ran.get(0).startsWith("waymark-"), ran.get(0));
    assertTrue(ran.get(1).startsWith("waymark-"), ran.get(1));
    assertEquals(2, lenders(ran).size(), "both other members ran some: " + ran);
  }

  @Test
  void aCancelInterruptsTheStepsLentToOtherMembers() throws InterruptedException {
    CompletableFuture<List<Integer>> run =
        members.get(1).runAsync(Fan.wide(WIDE, i -> FanSteps.blocked(i)), "blocked");
    // Two slots on each of three members: more than the driver's two started.
    while (Fan.STARTED.get() < 6) {
      Thread.sleep(10);
    }
    members.get(2).cancel("blocked");
    CompletionException failure = assertThrows(CompletionException.class, run::join);
    assertTrue(failure.getCause() instanceof WorkflowCancelledException, failure.toString());
    assertEquals(WorkflowStatus.CANCELED, members.get(0).getStatus("blocked"));
    while (Fan.INTERRUPTED.get() < Fan.STARTED.get()) {
      Thread.sleep(10); // each started step, wherever it ran, is interrupted: else the timeout
    }
  }

  /** The members other than the driver that ran some of {@code ran}, by their threads' names. */
  private static Set<String> lenders(List<String> ran) {
    Set<String> lenders = new TreeSet<>();
    for (String thread : ran) {
      if (thread.startsWith("hz.")) {
        lenders.add(thread.substring(0, thread.indexOf('.', 3)));
      }
    }
    return lenders;
  }
}
