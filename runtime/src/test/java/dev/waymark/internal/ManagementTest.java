package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowMetadata;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.exceptions.WorkflowNotResumableException;
import dev.waymark.exceptions.WorkflowQueueFullException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing, failing and resuming many workflows; concurrency limits; cancel. */
class ManagementTest {
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    ManagementSteps.FIXED.set(false);
    ManagementSteps.STARTED.set(0);
  }

  private static long count(List<WorkflowInfo> infos, WorkflowStatus status) {
    return infos.stream().filter(i -> i.status() == status).count();
  }

  @Test
  void aFailureDoesNotWaitForADurableSleepBesideIt() throws Exception {
    TestSteps.gate = new CountDownLatch(1);
    RunHooks.install(
        dir,
        new RunHooks() {
          @Override
          public void sleeping(String workflowId, String taskId, long wakeMillis) {
            TestSteps.gate.countDown(); // the sleep is about to wait: now the other branch fails
          }
        });
    try (Waymark waymark = Waymark.open(dir)) {
      CompletableFuture<List<Object>> run =
          waymark.runAsync(
              Workflow.all(TestSteps.gatedFail(1), Workflow.sleep(java.time.Duration.ofHours(1))),
              "fails-beside-a-sleep");
      java.util.concurrent.ExecutionException failed =
          assertThrows(
              java.util.concurrent.ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
      assertInstanceOf(WorkflowExecutionException.class, failed.getCause());
      assertEquals(WorkflowStatus.FAILED, waymark.getStatus("fails-beside-a-sleep"));
    } finally {
      RunHooks.install(dir, null);
    }
  }

  @Test
  void aCancelThatComesAsADurableSleepStartsStillEndsTheRun() throws Exception {
    // The cancel may come between the sleep's check and its timer: the run must still end.
    try (Waymark waymark = Waymark.open(dir)) {
      for (int i = 0; i < 200; i++) {
        String id = "nap-" + i;
        CompletableFuture<java.time.Instant> nap =
            waymark.runAsync(Workflow.sleep(java.time.Duration.ofHours(1)), id);
        CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> waymark.cancel(id));
        cancel.get(30, TimeUnit.SECONDS);
        assertEquals(WorkflowStatus.CANCELED, waymark.getStatus(id));
        assertTrue(nap.isCompletedExceptionally(), id);
      }
    }
  }

  @Test
  void aHundredWorkflowsRunFailResumeAndResumeAll() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    try (Waymark waymark = Waymark.open(dir)) {
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        runs.add(waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(i)), "w" + i));
      }
      assertEquals(100, count(waymark.list(), WorkflowStatus.RUNNING));
      ManagementSteps.gate.countDown();
      for (CompletableFuture<Integer> run : runs) {
        run.handle((value, failure) -> null).join();
      }
      List<WorkflowInfo> after = waymark.list();
      assertEquals(50, count(after, WorkflowStatus.FAILED));
      assertEquals(50, count(after, WorkflowStatus.SUCCESSFUL));

      ManagementSteps.FIXED.set(true);
      assertEquals(1, (Integer) waymark.resume("w1"));
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("w1"));
      assertEquals(Map.of(), waymark.resumeAll(false), "nothing is RESUMABLE");
      Map<String, CompletableFuture<Object>> resumed = waymark.resumeAll(true);
      assertEquals(49, resumed.size());
      for (CompletableFuture<Object> run : resumed.values()) {
        run.join();
      }
      assertEquals(100, count(waymark.list(), WorkflowStatus.SUCCESSFUL));
    }
  }

  @Test
  void limitsKeepWorkflowsPendingThenRefuseMore() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    try (Waymark waymark = Waymark.builder().storage(dir).maxRunning(2).maxPending(2).build()) {
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(2 * i)), "q" + i));
      }
      assertEquals(WorkflowStatus.RUNNING, waymark.getStatus("q0"));
      assertEquals(WorkflowStatus.RUNNING, waymark.getStatus("q1"));
      assertEquals(WorkflowStatus.PENDING, waymark.getStatus("q2"));
      assertEquals(WorkflowStatus.PENDING, waymark.getStatus("q3"));
      // runAsync fails its future rather than throwing: callers handle one way of failing.
      CompletableFuture<Integer> refused =
          waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(8)), "q4");
      java.util.concurrent.ExecutionException failure =
          assertThrows(java.util.concurrent.ExecutionException.class, refused::get);
      WorkflowQueueFullException full =
          assertInstanceOf(WorkflowQueueFullException.class, failure.getCause());
      assertTrue(full.getMessage().contains("maxPending"), full.getMessage());
      assertThrows(
          WorkflowQueueFullException.class,
          () -> waymark.run(ManagementSteps.GATED.call(Workflow.of(8)), "q4"),
          "run throws what runAsync's future holds");
      assertThrows(
          dev.waymark.exceptions.WorkflowNotFoundException.class, () -> waymark.getStatus("q4"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (ManagementSteps.STARTED.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(100);
      assertEquals(2, ManagementSteps.STARTED.get(), "pending workflows' first steps have not run");
      ManagementSteps.gate.countDown();
      for (int i = 0; i < 4; i++) {
        assertEquals(2 * i, runs.get(i).get(30, TimeUnit.SECONDS));
      }
      assertEquals(4, count(waymark.list(), WorkflowStatus.SUCCESSFUL));
    }
  }

  @Test
  void cancelInterruptsARunningStepAndItsLockIsReleased() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      CompletableFuture<Integer> run = waymark.runAsync(ManagementSteps.HOLD_LOCK.call(), "locked");
      while (ManagementSteps.STARTED.get() == 0) {
        Thread.sleep(5);
      }
      assertTrue(ManagementSteps.LOCK.isLocked());
      long start = System.nanoTime();
      waymark.cancel("locked");
      assertTrue(ManagementSteps.LOCK.tryLock(5, TimeUnit.SECONDS), "the step's lock is released");
      ManagementSteps.LOCK.unlock();
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("locked"));
      java.util.concurrent.ExecutionException e =
          assertThrows(java.util.concurrent.ExecutionException.class, run::get);
      assertTrue(e.getCause() instanceof WorkflowCancelledException, e.toString());
      assertThrows(WorkflowCancelledException.class, () -> waymark.getOutput("locked"));
      assertThrows(WorkflowNotResumableException.class, () -> waymark.resume("locked"));
    }
  }

  /**
   * A cancel right after the start races the step's own start: it must interrupt the step either
   * way, or a step that waits would keep the workflow, and the cancel, from ever ending.
   */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aCancelRightAfterTheStartInterruptsTheStepWhateverTheTiming() {
    ManagementSteps.gate = new CountDownLatch(1); // never opened: only an interrupt ends the step
    try (Waymark waymark = Waymark.open(dir)) {
      for (int i = 0; i < 200; i++) {
        CompletableFuture<Integer> run =
            waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(2)), "race-" + i);
        waymark.cancel("race-" + i);
        assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("race-" + i));
        assertTrue(run.isCompletedExceptionally());
      }
    }
  }

  @Test
  void cancelOfAPendingWorkflowNeverStartsIt() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    try (Waymark waymark = Waymark.builder().storage(dir).maxRunning(1).maxPending(1).build()) {
      CompletableFuture<Integer> first =
          waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(0)), "first");
      CompletableFuture<Integer> second =
          waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(2)), "second");
      assertEquals(WorkflowStatus.PENDING, waymark.getStatus("second"));
      waymark.cancel("second");
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("second"));
      assertTrue(second.isCompletedExceptionally());
      ManagementSteps.gate.countDown();
      assertEquals(0, first.get(10, TimeUnit.SECONDS));
      assertEquals(1, ManagementSteps.STARTED.get());
    }
  }

  @Test
  void metadataTellsTheFirstStartAndTheLatestRun() throws Exception {
    ManagementSteps.gate = new CountDownLatch(0);
    ManagementSteps.FIXED.set(false);
    try (Waymark waymark = Waymark.open(dir)) {
      assertThrows(
          WorkflowExecutionException.class,
          () -> waymark.run(ManagementSteps.GATED.call(Workflow.of(3)), "twice"));
      WorkflowMetadata failed = waymark.getMetadata("twice");
      assertEquals(failed.start(), failed.firstStart());
      Thread.sleep(5); // the resume starts at a later millisecond
      ManagementSteps.FIXED.set(true);
      assertEquals(3, (Integer) waymark.resume("twice"));
      WorkflowMetadata resumed = waymark.getMetadata("twice");
      assertEquals(failed.firstStart(), resumed.firstStart(), "the first start is kept");
      assertTrue(resumed.start().isAfter(failed.end()), "start is the latest run's, like Ray's");
      assertTrue(!resumed.end().isBefore(resumed.start()));
    } finally {
      ManagementSteps.FIXED.set(false);
    }
  }

  @Test
  void getOutputAsyncCompletesWithoutAWaitingThread() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(8)), "later");
      CompletableFuture<Integer> output = waymark.getOutputAsync("later");
      assertFalse(output.isDone());
      ManagementSteps.gate.countDown();
      assertEquals(8, output.get(10, TimeUnit.SECONDS));
      assertEquals(8, waymark.<Integer>getOutputAsync("later").get(10, TimeUnit.SECONDS));
      java.util.concurrent.ExecutionException unknown =
          assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> waymark.getOutputAsync("nobody").get(10, TimeUnit.SECONDS));
      assertInstanceOf(dev.waymark.exceptions.WorkflowNotFoundException.class, unknown.getCause());
    }
  }
}
