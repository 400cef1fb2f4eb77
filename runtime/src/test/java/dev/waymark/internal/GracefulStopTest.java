package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowStoppedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() is a graceful stop: what did not finish is RESUMABLE, never FAILED. */
class GracefulStopTest {
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    ManagementSteps.STARTED.set(0);
    ManagementSteps.NAPS.set(0);
    TestSteps.RUNS.clear();
  }

  private Waymark open(Duration grace) {
    return Waymark.builder().storage(dir).stopGracePeriod(grace).build();
  }

  private static void awaitStarted(int steps) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ManagementSteps.STARTED.get() < steps) {
      assertTrue(System.nanoTime() < deadline, "the steps started");
      Thread.sleep(2);
    }
  }

  private static void assertStopped(CompletableFuture<?> run) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> run.get(10, TimeUnit.SECONDS));
    assertInstanceOf(WorkflowStoppedException.class, e.getCause());
  }

  @Test
  void aStepStillRunningAfterTheGraceIsDroppedAndItsWorkflowIsResumable() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    // maxRetries 0: were the cut attempt counted as a failed one, the resume could not run it.
    Workflow<Integer> held =
        TestSteps.inc(
            ManagementSteps.GATED
                .call(Workflow.of(4))
                .options(StepOptions.builder().maxRetries(0).build()));
    CompletableFuture<Integer> run;
    try (Waymark waymark = open(Duration.ofMillis(100))) {
      run = waymark.runAsync(held, "held");
      awaitStarted(1);
    }
    assertStopped(run);
    ManagementSteps.gate.countDown();
    try (Waymark waymark = open(Duration.ofSeconds(5))) {
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("held"));
      assertEquals(5, (Integer) waymark.resume("held"));
    }
    assertEquals(2, ManagementSteps.STARTED.get(), "the cut attempt ran again");
  }

  @Test
  void aStepThatFinishesWithinTheGraceIsCommittedAndNothingAfterItStarts() throws Exception {
    CompletableFuture<Integer> run;
    try (Waymark waymark = open(Duration.ofSeconds(30))) {
      run = waymark.runAsync(TestSteps.inc(ManagementSteps.NAP.call(Workflow.of(300))), "nap");
      awaitStarted(1);
    }
    assertStopped(run);
    assertEquals(0, TestSteps.runs("inc"), "no step starts once the runtime closes");
    try (Waymark waymark = open(Duration.ofSeconds(5))) {
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("nap"));
      assertEquals(300, (Integer) waymark.getOutput("nap", "nap"), "committed during the grace");
      assertEquals(301, (Integer) waymark.resume("nap"));
    }
    assertEquals(1, ManagementSteps.NAPS.get(), "the committed step did not run again");
  }

  @Test
  void sleepingAndPendingWorkflowsAreResumableToo() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    CompletableFuture<java.time.Instant> sleeping;
    CompletableFuture<Integer> running;
    CompletableFuture<Integer> pending;
    try (Waymark waymark =
        Waymark.builder()
            .storage(dir)
            .maxRunning(2)
            .maxPending(1)
            .stopGracePeriod(Duration.ZERO)
            .build()) {
      sleeping = waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "sleeping");
      running = waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(2)), "running");
      pending = waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(6)), "pending");
      awaitStarted(1);
      assertEquals(WorkflowStatus.PENDING, waymark.getStatus("pending"));
    }
    assertStopped(sleeping);
    assertStopped(running);
    assertStopped(pending);
    ManagementSteps.gate.countDown();
    try (Waymark waymark = open(Duration.ofSeconds(5))) {
      for (String id : new String[] {"sleeping", "running", "pending"}) {
        assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus(id), id);
      }
      assertEquals(2, (Integer) waymark.resume("running"));
      assertEquals(6, (Integer) waymark.resume("pending"));
    }
  }

  @Test
  void aClosedRuntimeStartsNothing() {
    Waymark waymark = open(Duration.ZERO);
    waymark.close();
    waymark.close(); // twice is fine
    assertThrows(
        IllegalStateException.class, () -> waymark.run(TestSteps.inc(Workflow.of(1)), "x"));
  }
}
