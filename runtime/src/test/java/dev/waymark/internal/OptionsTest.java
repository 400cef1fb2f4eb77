package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.RecordedException;
import dev.waymark.Result;
import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.TaskMetadata;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowMetadata;
import dev.waymark.WorkflowStatus;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.exceptions.InsufficientResourcesException;
import dev.waymark.exceptions.WorkflowExecutionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step options set per call: retries, caught exceptions, checkpoint, task ids, metadata. */
class OptionsTest {
  @TempDir Path dir;
  Waymark waymark;

  @BeforeEach
  void open() {
    TestSteps.RUNS.clear();
    TestSteps.FLAKY_CALLS.set(0);
    waymark = Waymark.open(dir);
  }

  @AfterEach
  void close() {
    waymark.close();
  }

  private static Workflow<Integer> flaky(int failures, int maxRetries) {
    return TestSteps.flaky(failures)
        .options(StepOptions.builder().maxRetries(maxRetries).retryExceptions(true).build());
  }

  @Test
  void tenFailuresWithTenRetriesSucceed() {
    assertEquals(10, waymark.run(flaky(10, 10), "ten"));
    assertEquals(11, TestSteps.runs("flaky"));
  }

  @Test
  void elevenFailuresWithTenRetriesFailWithTheOriginalException() {
    WorkflowExecutionException e =
        assertThrows(WorkflowExecutionException.class, () -> waymark.run(flaky(11, 10), "eleven"));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals("failure #10", e.getCause().getMessage());
    assertTrue(
        e.getMessage().startsWith("workflow 'eleven' failed in task 'flaky' (attempt 11 of 11): "),
        e.getMessage());
    assertEquals(11, TestSteps.runs("flaky"));
    assertEquals(WorkflowStatus.FAILED, waymark.getStatus("eleven"));
  }

  @Test
  void caughtExceptionsBecomeResults() {
    Result<Integer> ok = waymark.run(flaky(10, 10).catchExceptions(), "caught-ok");
    assertTrue(ok.isSuccess());
    assertEquals(10, ok.value());
    assertNull(ok.exception());

    TestSteps.FLAKY_CALLS.set(0);
    Result<Integer> failed = waymark.run(flaky(11, 10).catchExceptions(), "caught-failed");
    assertFalse(failed.isSuccess());
    assertNull(failed.value());
    assertEquals("failure #10", failed.exception().getMessage());
    assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("caught-failed"));

    // The same kind of exception here and after a restart (read back from storage), so that a
    // workflow takes the same path either way.
    Result<Integer> stored = waymark.getOutput("caught-failed");
    for (RecordedException recorded : java.util.List.of(failed.exception(), stored.exception())) {
      assertEquals(IllegalStateException.class.getName(), recorded.originalClassName());
      assertTrue(recorded.is(IllegalStateException.class));
      assertTrue(recorded.is(RuntimeException.class), "superclasses are kept");
      assertFalse(recorded.is(IllegalArgumentException.class));
      assertEquals("failure #10", recorded.getMessage());
      assertTrue(recorded.getStackTrace().length > 0);
    }
  }

  @Test
  void withoutRetryExceptionsAThrowingStepFailsAtOnce() {
    WorkflowExecutionException e =
        assertThrows(
            WorkflowExecutionException.class,
            () ->
                waymark.run(
                    TestSteps.flaky(1).options(StepOptions.builder().maxRetries(10).build()),
                    "once"));
    assertTrue(
        e.getMessage()
            .contains("(attempt 1 of 11; exceptions are retried only with retryExceptions): "),
        e.getMessage());
    assertEquals(1, TestSteps.runs("flaky"));
  }

  @Test
  void backoffWaitsBetweenAttempts() {
    long start = System.nanoTime();
    Workflow<Integer> w =
        TestSteps.flaky(2)
            .options(
                StepOptions.builder()
                    .retryExceptions(true)
                    .backoff(
                        RetryBackoff.exponential(Duration.ofMillis(100), 2, Duration.ofSeconds(1)))
                    .build());
    assertEquals(2, waymark.run(w, "backoff"));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(
        waitedMillis >= 300, "100 ms then 200 ms between three attempts, waited " + waitedMillis);
  }

  @Test
  void invalidOptionsAreRejectedWhenSet() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> StepOptions.builder().maxRetries(-1).build());
    assertTrue(e.getMessage().contains("maxRetries must be 0 or more"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StepOptions.builder().cpus(-1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> StepOptions.builder().resource("bad name", 1).build());
    assertThrows(IllegalArgumentException.class, () -> StepOptions.builder().taskId("a b").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> RetryBackoff.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
  }

  @Test
  void repeatedTaskIdsGetSuffixesInDagOrder() {
    Workflow<Integer> w = Workflow.of(-1);
    for (int i = 0; i < 20; i++) {
      w = TestSteps.inc(w).options(StepOptions.builder().taskId("simple").build());
    }
    assertEquals(19, waymark.run(w, "simple"));
    assertEquals(0, (Integer) waymark.getOutput("simple", "simple"));
    for (int i = 1; i < 20; i++) {
      assertEquals(i, (Integer) waymark.getOutput("simple", "simple_" + i));
    }
  }

  @Test
  void aSkippedCheckpointIsNotStoredAndTheOutputStepAlwaysIs() {
    Workflow<Integer> first =
        TestSteps.inc(Workflow.of(1))
            .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build());
    Workflow<Integer> last =
        TestSteps.inc(first)
            .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build());
    assertEquals(3, waymark.run(last, "skip"));
    dev.waymark.exceptions.WorkflowException e =
        assertThrows(
            dev.waymark.exceptions.WorkflowException.class, () -> waymark.getOutput("skip", "inc"));
    assertTrue(e.getMessage().contains("checkpoint is off"), e.getMessage());
    assertEquals(3, (Integer) waymark.getOutput("skip", "inc_1"));
    assertEquals(3, (Integer) waymark.getOutput("skip"));
  }

  @Test
  void oneCpuRuntimeNeverOverlapsTwoOneCpuSteps() {
    TestSteps.SPANS.clear();
    try (Waymark oneCpu =
        Waymark.builder().storage(dir.resolve("one")).cpus(1).parallelism(4).build()) {
      assertEquals(3, oneCpu.run(TestSteps.add(TestSteps.busy(1), TestSteps.busy(2)), "cpu"));
    }
    assertEquals(2, TestSteps.SPANS.size());
    long[] a = TestSteps.SPANS.get(0);
    long[] b = TestSteps.SPANS.get(1);
    assertTrue(a[1] <= b[0] || b[1] <= a[0], "the two 1-cpu steps overlapped");
  }

  @Test
  void aStepNeedingMoreThanExistsFailsFast() {
    InsufficientResourcesException e =
        assertThrows(
            InsufficientResourcesException.class,
            () ->
                waymark.run(
                    TestSteps.inc(Workflow.of(1)).options(StepOptions.builder().gpus(1).build()),
                    "gpu"));
    assertTrue(e.getMessage().contains("needs 1.0 gpus but this runtime has 0.0"), e.getMessage());
    assertThrows(
        dev.waymark.exceptions.WorkflowNotFoundException.class, () -> waymark.getStatus("gpu"));
  }

  @Test
  void metadataAndTimesOfRunsAndTasks() {
    long before = System.currentTimeMillis();
    Workflow<Integer> w =
        TestSteps.busy(7).options(StepOptions.builder().metadata("owner", "ops").build());
    waymark.run(w, "meta", Map.of("purpose", "test"));
    WorkflowMetadata run = waymark.getMetadata("meta");
    assertEquals(Map.of("purpose", "test"), run.metadata());
    assertEquals(WorkflowStatus.SUCCESSFUL, run.status());
    assertNotNull(run.end());
    assertTrue(run.start().toEpochMilli() >= before && !run.end().isBefore(run.start()));

    TaskMetadata task = waymark.getMetadata("meta", "busy");
    assertEquals(Map.of("kind", "busy", "owner", "ops"), task.metadata());
    assertEquals("dev.waymark.internal.TestSteps#busy", task.stepId());
    assertTrue(Duration.between(task.start(), task.end()).toMillis() >= 100);
  }

  @Test
  void getOutputOfATaskWaitsForIt() throws Exception {
    TestSteps.barrier = new java.util.concurrent.CyclicBarrier(2);
    Workflow<Integer> w = TestSteps.inc(TestSteps.meet(1));
    java.util.concurrent.CompletableFuture<Integer> run = waymark.runAsync(w, "wait");
    java.util.concurrent.CompletableFuture<Object> inc =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> waymark.getOutput("wait", "inc"));
    Thread.sleep(200);
    assertFalse(inc.isDone(), "getOutput waits while the task has not run");
    TestSteps.barrier.await();
    assertEquals(2, run.get());
    assertEquals(2, inc.get());
  }
}
