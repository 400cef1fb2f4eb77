package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.exceptions.WorkflowStoppedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runAsync} records a new workflow on the caller's thread and leaves its launch to a pool
 * thread. Until one takes it, the workflow is RUNNING with its id taken, and a cancel or a close
 * deals with it as with a running one. Here the only pool thread is held in a gated step, so the
 * runs started after it wait for their launch as long as the test needs.
 */
class AsyncLaunchTest {
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    ManagementSteps.STARTED.set(0);
    ManagementSteps.gate = new CountDownLatch(1);
    TestSteps.RUNS.clear();
  }

  @AfterEach
  void openTheGate() {
    ManagementSteps.gate.countDown();
  }

  private Waymark open() {
    return open(Integer.MAX_VALUE);
  }

  private Waymark open(int maxRunning) {
    return Waymark.builder()
        .storage(dir)
        .parallelism(1)
        .maxRunning(maxRunning)
        .stopGracePeriod(Duration.ZERO)
        .build();
  }

  /** Starts a workflow whose step holds the only pool thread until the gate opens. */
  private static CompletableFuture<Integer> holdThePool(Waymark waymark) throws Exception {
    CompletableFuture<Integer> holder =
        waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(2)), "holder");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ManagementSteps.STARTED.get() < 1) {
      assertTrue(System.nanoTime() < deadline, "the gated step started");
      Thread.sleep(2);
    }
    return holder;
  }

  private static Throwable failure(CompletableFuture<?> run) {
    return assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void aWorkflowNoThreadLaunchedYetIsRunningAndItsIdIsTaken() throws Exception {
    try (Waymark waymark = open()) {
      CompletableFuture<Integer> holder = holdThePool(waymark);
      CompletableFuture<Integer> waiting =
          waymark.runAsync(TestSteps.inc(Workflow.of(1)), "waiting");
      assertEquals(WorkflowStatus.RUNNING, waymark.getStatus("waiting"));
      assertTrue(
          waymark.list(WorkflowStatus.RUNNING).stream()
              .anyMatch(info -> info.workflowId().equals("waiting")));
      assertInstanceOf(
          WorkflowStillActiveException.class,
          failure(waymark.runAsync(TestSteps.inc(Workflow.of(1)), "waiting")));
      assertThrows(WorkflowStillActiveException.class, () -> waymark.delete("waiting"));
      assertFalse(waiting.isDone());

      ManagementSteps.gate.countDown();
      assertEquals(2, waiting.get(10, TimeUnit.SECONDS));
      assertEquals(2, holder.get(10, TimeUnit.SECONDS));
    }
    assertEquals(1, TestSteps.runs("inc"), "the second start of the id ran nothing");
  }

  @Test
  void aWorkflowCanceledBeforeAThreadLaunchedItNeverRunsAndGivesItsSlotBack() throws Exception {
    try (Waymark waymark = open(2)) {
      CompletableFuture<Integer> holder = holdThePool(waymark);
      CompletableFuture<Integer> waiting =
          waymark.runAsync(TestSteps.inc(Workflow.of(1)), "waiting");
      // The cancel returns while the pool thread is still held.
      CompletableFuture.runAsync(() -> waymark.cancel("waiting")).get(10, TimeUnit.SECONDS);
      assertInstanceOf(WorkflowCancelledException.class, failure(waiting));
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("waiting"));
      CompletableFuture<Integer> next = waymark.runAsync(TestSteps.inc(Workflow.of(5)), "next");
      assertEquals(WorkflowStatus.RUNNING, waymark.getStatus("next"), "the second slot is free");

      ManagementSteps.gate.countDown();
      assertEquals(2, holder.get(10, TimeUnit.SECONDS));
      assertEquals(6, next.get(10, TimeUnit.SECONDS));
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("waiting"));
    }
    assertEquals(1, TestSteps.runs("inc"), "the canceled workflow never ran");
  }

  @Test
  void workflowsNoThreadLaunchedYetAreResumableAfterAClose() throws Exception {
    List<CompletableFuture<Integer>> runs = new ArrayList<>();
    CompletableFuture<Integer> holder;
    try (Waymark waymark = open()) {
      holder = holdThePool(waymark);
      for (int i = 0; i < 50; i++) {
        runs.add(waymark.runAsync(TestSteps.inc(Workflow.of(i)), "w" + i));
      }
    }
    assertInstanceOf(WorkflowStoppedException.class, failure(holder));
    for (CompletableFuture<Integer> run : runs) {
      assertInstanceOf(WorkflowStoppedException.class, failure(run));
    }
    ManagementSteps.gate.countDown();
    assertEquals(0, TestSteps.runs("inc"));
    try (Waymark waymark = Waymark.open(dir)) {
      for (int i = 0; i < 50; i++) {
        assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("w" + i));
      }
      Map<String, CompletableFuture<Object>> resumed = waymark.resumeAll(false);
      assertEquals(51, resumed.size(), "the 50 and the holder");
      for (int i = 0; i < 50; i++) {
        assertEquals(i + 1, resumed.get("w" + i).get(10, TimeUnit.SECONDS));
      }
      assertEquals(2, resumed.get("holder").get(10, TimeUnit.SECONDS));
    }
    assertEquals(50, TestSteps.runs("inc"), "each ran once");
  }
}
