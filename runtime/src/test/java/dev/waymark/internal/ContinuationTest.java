package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Result;
import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.internal.storage.Storages;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps that return workflows: Ray's basic continuation tests, recursion, checkpoint rules. */
class ContinuationTest {
  @TempDir Path dir;
  Waymark waymark;

  @BeforeEach
  void open() {
    ContinuationSteps.RUNS.clear();
    waymark = Waymark.open(dir);
  }

  @AfterEach
  void close() {
    waymark.close();
  }

  @Test
  void basicContinuations() {
    assertEquals(
        "[source1][append1][append2]",
        waymark.run(ContinuationSteps.SIMPLE_SEQUENTIAL.call(), "sequential"));
    assertEquals(
        "start:[append1][append2]",
        waymark.run(ContinuationSteps.WITH_INPUT.call(Workflow.of("start:")), "with-input"));
    assertEquals(
        "[source1][append1][append1][append1][append2]",
        waymark.run(ContinuationSteps.LOOP.call(Workflow.of(3)), "loop"));
    assertEquals(
        "nested:~[nested]~[append1][append2]",
        waymark.run(ContinuationSteps.NESTED.call(Workflow.of("nested:")), "nested"));
    assertEquals(
        "join([source1][append1], [source1][append2])",
        waymark.run(ContinuationSteps.FORK_JOIN.call(), "fork-join"));
    assertEquals(
        3628800L, waymark.run(ContinuationSteps.FACTORIAL.call(Workflow.of(10L)), "factorial"));
  }

  /**
   * A root task may carry an id that numbering would give a continuation's task later: that task
   * takes the next free number instead, so each id names one task.
   */
  @Test
  void aContinuationsTaskNeverTakesTheIdOfARootTask() {
    Workflow<String> workflow =
        ContinuationSteps.JOIN.call(
            ContinuationSteps.LOOP.call(Workflow.of(3)),
            ContinuationSteps.SOURCE1
                .call()
                .options(StepOptions.builder().taskId("append1_2").build()));
    waymark.run(workflow, "root-ids");
    assertEquals("[source1]", waymark.getOutput("root-ids", "append1_2"), "the root task's");
    assertEquals("[source1][append1]", waymark.getOutput("root-ids", "append1_1"));
    assertEquals("[source1][append1][append1]", waymark.getOutput("root-ids", "append1_3"));
    assertEquals(
        "[source1][append1][append1][append1]", waymark.getOutput("root-ids", "append1_4"));
  }

  @Test
  void tasksInsideContinuationsAreNamedAndReadable() {
    waymark.run(ContinuationSteps.LOOP.call(Workflow.of(3)), "names");
    assertEquals("[source1]", waymark.getOutput("names", "source1"));
    assertEquals("[source1][append1]", waymark.getOutput("names", "append1"));
    assertEquals("[source1][append1][append1][append1]", waymark.getOutput("names", "append1_2"));
    assertEquals(
        "[source1][append1][append1][append1][append2]", waymark.getOutput("names", "loop"));
    assertEquals(
        "dev.waymark.internal.ContinuationSteps#append1",
        waymark.getMetadata("names", "append1_1").stepId());
  }

  @Test
  void getOutputOfATaskWaitsBeforeTheTaskExists() throws Exception {
    TestSteps.barrier = new java.util.concurrent.CyclicBarrier(2);
    // The loop's count comes from meet, which blocks until released: before that, the loop's
    // inner tasks do not exist.
    Workflow<String> w = ContinuationSteps.LOOP.call(TestSteps.meet(2));
    CompletableFuture<String> run = waymark.runAsync(w, "later");
    CompletableFuture<Object> inner =
        CompletableFuture.supplyAsync(() -> waymark.getOutput("later", "append1_1"));
    Thread.sleep(200);
    assertFalse(inner.isDone(), () -> "returned early: " + inner.join());
    TestSteps.barrier.await();
    assertEquals("[source1][append1][append1][append2]", run.get());
    assertEquals("[source1][append1][append1]", inner.get());
  }

  @Test
  void recursionOneHundredThousandDeepDoesNotGrowTheStack() {
    assertEquals(100_000, waymark.run(ContinuationSteps.COUNT.call(Workflow.of(100_000)), "deep"));
    assertEquals("bottom", waymark.run(ContinuationSteps.DOWN.call(Workflow.of(100_000)), "tail"));
  }

  @Test
  void loadingTheResultOfAHundredLevelRecursionReadsConstantRecords() {
    CountingStore store = new CountingStore(Storages.open(dir.resolve("counted")));
    try (Engine engine = new Engine(store, EngineSettings.of(2))) {
      Engine.join(
          engine.run(
              Node.of(ContinuationSteps.DOWN.call(Workflow.of(100))),
              "down",
              java.util.Map.of(),
              true));
      store.lookups.set(0);
      assertEquals("bottom", engine.queries().output("down"));
      long forHundred = store.lookups.get();
      assertTrue(forHundred <= 6, "read " + forHundred + " records for the result of 100 levels");

      Engine.join(
          engine.run(
              Node.of(ContinuationSteps.DOWN.call(Workflow.of(3))),
              "down3",
              java.util.Map.of(),
              true));
      store.lookups.set(0);
      assertEquals("bottom", engine.queries().output("down3"));
      assertEquals(
          forHundred, store.lookups.get(), "the same number of reads for 3 and 100 levels");
    }
  }

  @Test
  void anExceptionInsideAContinuationIsCaughtByTheNearestCatchingAncestor() {
    Result<String> result =
        waymark.run(ContinuationSteps.FAILING_INSIDE.call().catchExceptions(), "caught");
    assertFalse(result.isSuccess());
    assertEquals("thrown inside: deep", result.exception().getMessage());
    assertEquals(0, ContinuationSteps.runs("append1"));

    WorkflowExecutionException e =
        assertThrows(
            WorkflowExecutionException.class,
            () -> waymark.run(ContinuationSteps.FAILING_INSIDE.call(), "uncaught"));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertTrue(e.getMessage().contains("'throw'"), e.getMessage());
  }

  @Test
  void rule4TrueInsideAnUnstoredParentIsAnErrorExceptOnItsOutput() {
    // The workflow's own output is always stored, so the unstored parent sits below it.
    Workflow<String> bad =
        ContinuationSteps.APPEND2.call(
            ContinuationSteps.USELESS_CHECKPOINT
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build()));
    WorkflowExecutionException e =
        assertThrows(WorkflowExecutionException.class, () -> waymark.run(bad, "bad"));
    String message = e.getCause().getMessage();
    assertTrue(message.contains("task 'source1' asks for checkpoint TRUE"), message);
    assertTrue(message.contains("'uselessCheckpoint'"), message);

    Workflow<String> ok =
        ContinuationSteps.APPEND2.call(
            ContinuationSteps.STORED_OUTPUT_ONLY
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build()));
    assertEquals("[source1][append1][append2]", waymark.run(ok, "ok"));
  }

  @Test
  void taskIdsInsideAParentThatRunsAgainAreTheSameAsBefore() {
    ContinuationSteps.FAIL_NEXT.set(true);
    // The loop's checkpoint is off, so resuming runs it again and recreates its tasks.
    Workflow<String> w =
        ContinuationSteps.FAIL_ONCE.call(
            ContinuationSteps.LOOP
                .call(Workflow.of(3))
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build()));
    assertThrows(WorkflowExecutionException.class, () -> waymark.run(w, "stable"));
    assertEquals("[source1][append1][append1][append1][append2]", waymark.resume("stable"));
    assertEquals(2, ContinuationSteps.runs("loop"));
    // The loop's tasks inherit FALSE: append1_2 exists (known id, nothing stored), append1_3 not.
    dev.waymark.exceptions.WorkflowException known =
        assertThrows(
            dev.waymark.exceptions.WorkflowException.class,
            () -> waymark.getOutput("stable", "append1_2"));
    assertFalse(
        known instanceof dev.waymark.exceptions.WorkflowNotFoundException, known.getMessage());
    assertThrows(
        dev.waymark.exceptions.WorkflowNotFoundException.class,
        () -> waymark.getOutput("stable", "append1_3"),
        "the second run of the loop did not invent new task ids");
  }
}
