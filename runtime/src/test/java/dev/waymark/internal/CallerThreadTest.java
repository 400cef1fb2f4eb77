package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowStoppedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code resume} run a workflow's first chain of steps on the calling thread, which
 * waits anyway; {@code runAsync} runs everything on the pool. Callers' threads count against the
 * parallelism, an interrupted caller keeps its interrupt and runs nothing itself, and a cancel's
 * interrupt does not stay behind on the caller's thread.
 */
@Timeout(120)
class CallerThreadTest {
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    ManagementSteps.RAN_ON.clear();
    ManagementSteps.STARTED.set(0);
    ManagementSteps.gate = new CountDownLatch(0);
  }

  private static Workflow<Integer> chainOfThree() {
    return ManagementSteps.WHERE.call(
        ManagementSteps.WHERE.call(ManagementSteps.WHERE.call(Workflow.of(0))));
  }

  @Test
  void runRunsAChainOnTheCallersThreadAndRunAsyncOnThePool() {
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, waymark.run(chainOfThree(), "here"));
      assertEquals(List.of(me(), me(), me()), ManagementSteps.RAN_ON);

      ManagementSteps.RAN_ON.clear();
      assertEquals(3, waymark.runAsync(chainOfThree(), "pool").join());
      assertEquals(3, ManagementSteps.RAN_ON.size());
      assertFalse(ManagementSteps.RAN_ON.contains(me()), ManagementSteps.RAN_ON.toString());
    }
  }

  @Test
  void resumeRunsTheRestOnTheCallersThread() {
    ManagementSteps.gate = new CountDownLatch(1);
    Waymark first = Waymark.builder().storage(dir).stopGracePeriod(java.time.Duration.ZERO).build();
    first.runAsync(ManagementSteps.WHERE.call(ManagementSteps.GATED.call(Workflow.of(6))), "r");
    awaitStarted(1);
    first.close(); // the gated step is interrupted: the workflow stays RESUMABLE
    ManagementSteps.gate = new CountDownLatch(0);
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("r"));
      ManagementSteps.RAN_ON.clear();
      assertEquals(7, (int) waymark.resume("r"));
      assertEquals(List.of(me()), ManagementSteps.RAN_ON);
    }
  }

  @Test
  void stepsOnCallersThreadsCountAgainstTheParallelism() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try (Waymark waymark = Waymark.builder().storage(dir).parallelism(2).build()) {
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int input = 2 * i;
        runs.add(
            CompletableFuture.supplyAsync(
                () -> waymark.run(ManagementSteps.GATED.call(Workflow.of(input)), "c" + input),
                callers));
      }
      runs.add(waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(10)), "a10"));
      awaitStarted(2);
      Thread.sleep(200); // a third step would have started by now
      assertEquals(2, ManagementSteps.STARTED.get(), "steps running at once");
      ManagementSteps.gate.countDown();
      int sum = 0;
      for (CompletableFuture<Integer> run : runs) {
        sum += run.get(60, TimeUnit.SECONDS);
      }
      assertEquals(0 + 2 + 4 + 10, sum);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void anInterruptedCallerRunsNothingItselfAndKeepsItsInterrupt() {
    try (Waymark waymark = Waymark.open(dir)) {
      Thread.currentThread().interrupt();
      int result = waymark.run(chainOfThree(), "interrupted");
      assertTrue(Thread.interrupted(), "the caller's interrupt is still set");
      assertEquals(3, result);
      assertFalse(ManagementSteps.RAN_ON.contains(me()), ManagementSteps.RAN_ON.toString());
      assertEquals(3, waymark.run(chainOfThree(), "after"), "the storage still works");
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("interrupted"));
    }
  }

  /**
   * A step that ignores a cancel's interrupt returns with it still set, into the storage code that
   * ends the run: the storage's files must stay usable (a file channel used by an interrupted
   * thread closes itself).
   */
  @Test
  void aStepThatIgnoresACancelsInterruptLeavesTheStorageUsable() throws Exception {
    ManagementSteps.RELEASE.set(false);
    ManagementSteps.SAW_INTERRUPT.set(false);
    try (Waymark waymark = Waymark.open(dir)) {
      CompletableFuture<Integer> stubborn = waymark.runAsync(ManagementSteps.STUBBORN.call(), "s");
      awaitStarted(1);
      // a cancel returns once the run ended, which waits for the step
      CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> waymark.cancel("s"));
      while (!ManagementSteps.SAW_INTERRUPT.get()) {
        Thread.sleep(1);
      }
      ManagementSteps.RELEASE.set(true);
      cancel.get(60, TimeUnit.SECONDS);
      java.util.concurrent.ExecutionException e =
          assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> stubborn.get(60, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof WorkflowCancelledException, e.toString());
      for (int i = 0; i < 20; i++) { // on every pool thread
        assertEquals(3, waymark.runAsync(chainOfThree(), "after" + i).get(60, TimeUnit.SECONDS));
      }
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("s"));
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("after19"));
    }
  }

  @Test
  void aCancelOfAStepOnTheCallersThreadLeavesNoInterruptBehind() {
    try (Waymark waymark = Waymark.open(dir)) {
      CompletableFuture<Void> canceller =
          CompletableFuture.runAsync(
              () -> {
                awaitStarted(1);
                waymark.cancel("held");
              });
      assertThrows(
          WorkflowCancelledException.class,
          () -> waymark.run(ManagementSteps.HOLD_LOCK.call(), "held"));
      canceller.join();
      assertFalse(Thread.currentThread().isInterrupted(), "a cancel's interrupt stayed behind");
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("held"));
      assertEquals(1, ManagementSteps.STARTED.get());
    }
  }

  /**
   * A stop while the caller's thread runs a step: the step is interrupted after the grace period,
   * the caller gets {@link WorkflowStoppedException} without an interrupt left behind, and the
   * workflow is left RESUMABLE for the next runtime.
   */
  @Test
  void aStopWhileTheCallersThreadRunsAStepLeavesTheWorkflowResumable() throws Exception {
    Waymark waymark =
        Waymark.builder().storage(dir).stopGracePeriod(java.time.Duration.ofMillis(50)).build();
    CompletableFuture<Void> stop =
        CompletableFuture.runAsync(
            () -> {
              awaitStarted(1);
              waymark.close();
            });
    assertThrows(
        WorkflowStoppedException.class,
        () -> waymark.run(ManagementSteps.HOLD_LOCK.call(), "stopped"));
    stop.get(60, TimeUnit.SECONDS);
    assertFalse(Thread.currentThread().isInterrupted(), "the stop's interrupt stayed behind");
    assertFalse(ManagementSteps.LOCK.isLocked(), "the step returned");
    try (Waymark next = Waymark.open(dir)) {
      assertEquals(WorkflowStatus.RESUMABLE, next.getStatus("stopped"));
    }
  }

  private static Thread me() {
    return Thread.currentThread();
  }

  private static void awaitStarted(int steps) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (ManagementSteps.STARTED.get() < steps) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(ManagementSteps.STARTED.get() + " steps started, not " + steps);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
