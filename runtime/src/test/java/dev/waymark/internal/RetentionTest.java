package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.exceptions.WorkflowNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Deleting finished workflows, on request and by a retention, from the public API. */
@Timeout(120)
class RetentionTest {
  @TempDir Path dir;

  @Test
  void deleteFinishedRemovesFinishedWorkflowsOnlyAndOnlyThoseOldEnough() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "done");
      TestSteps.FLAKY_CALLS.set(0); // other tests in this JVM count calls of flaky too
      assertThrows(WorkflowExecutionException.class, () -> waymark.run(TestSteps.flaky(1), "bad"));
      ManagementSteps.gate = new CountDownLatch(1);
      CompletableFuture<Integer> gated =
          waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(1)), "canceled");
      waymark.cancel("canceled");
      assertThrows(Exception.class, gated::join);
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("canceled"));
      CompletableFuture<String> waiting =
          waymark.runAsync(Workflow.waitForEvent("go", String.class), "waiting");

      assertEquals(0, waymark.deleteFinished(Duration.ofHours(1)), "none ended an hour ago");
      assertEquals(3, waymark.deleteFinished(Duration.ZERO));

      assertEquals(
          List.of("waiting"), waymark.list().stream().map(WorkflowInfo::workflowId).toList());
      for (String id : List.of("done", "bad", "canceled")) {
        assertThrows(WorkflowNotFoundException.class, () -> waymark.getStatus(id));
      }
      waymark.sendEvent("waiting", "go", "now");
      assertEquals("now", waiting.join());
      assertEquals(2, waymark.run(TestSteps.inc(Workflow.of(1)), "done"), "the id runs anew");
    }
  }

  @Test
  void aRetentionKeepsAStreamOfWorkflowsBoundedAndDeletesThemAll() throws Exception {
    int total = 0;
    int peak = 0;
    try (Waymark waymark =
        Waymark.builder().storage(dir).retention(Duration.ofMillis(100)).build()) {
      // A stream ten times as long as the retention, however fast the machine runs it.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      while (total < 1200 || System.nanoTime() < end) {
        waymark.run(TestSteps.inc(Workflow.of(total)), "short-" + total);
        if (++total % 100 == 0) {
          peak = Math.max(peak, waymark.list().size());
        }
      }
      // Swept while the stream ran, not only at its end.
      assertTrue(peak < total / 2, "at most " + peak + " of " + total + " stored at once");
      while (!waymark.list().isEmpty()) {
        Thread.sleep(20); // bounded by the test's timeout; the sweeper runs every 50 ms
      }
    }
  }

  @Test
  void listingAndReadingWhileWorkflowsAreDeletedSeeWholeWorkflowsOrNone() throws Exception {
    int count = 300;
    try (Waymark waymark = Waymark.open(dir)) {
      for (int i = 0; i < count; i++) {
        waymark.run(TestSteps.inc(Workflow.of(i)), "gone-" + i);
      }
      CompletableFuture<Integer> deleting =
          CompletableFuture.supplyAsync(() -> waymark.deleteFinished(Duration.ZERO));
      int reads = 0;
      while (!deleting.isDone() || reads == 0) {
        for (WorkflowInfo info : waymark.list()) {
          assertEquals(WorkflowStatus.SUCCESSFUL, info.status());
        }
        try {
          assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("gone-" + (count - 1)));
        } catch (WorkflowNotFoundException e) {
          // deleted by now: fine, as long as it is never half there
        }
        reads++;
      }
      assertEquals(count, deleting.join());
      assertEquals(List.of(), waymark.list());
    }
  }

  @Test
  void invalidRetentionsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Waymark.builder().retention(Duration.ofSeconds(-1)));
    try (Waymark waymark = Waymark.open(dir)) {
      assertThrows(IllegalArgumentException.class, () -> waymark.deleteFinished(null));
    }
  }
}
