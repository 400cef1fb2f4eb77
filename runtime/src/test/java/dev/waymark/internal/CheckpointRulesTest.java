package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five checkpoint rules, each checked against what the store holds afterwards (not by timing):
 * which tasks have a stored output and which stored the DAG they returned.
 */
class CheckpointRulesTest {
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    ContinuationSteps.RUNS.clear();
    ContinuationSteps.FAIL_NEXT.set(false);
    ContinuationSteps.FAIL_AT_LEVEL.set(-1);
  }

  private <T> T run(Workflow<T> workflow, String id) {
    try (Waymark waymark = Waymark.open(dir)) {
      return waymark.run(workflow, id);
    }
  }

  /** Per task id: "value" (an output or resolved value is stored), "dag", both, or "-". */
  private Map<String, String> stored(String id, String... taskIds) {
    Map<String, String> found = new TreeMap<>();
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.view(id)) {
      Plan root = DagCodec.decode(claim.dag().read());
      TaskNames names = new TaskNames(claim, root);
      for (String taskId : taskIds) {
        long key = names.keyOf(taskId);
        assertTrue(key >= 0, "task " + taskId + " exists");
        boolean value = Records.hasValue(claim, key);
        boolean dag = claim.values().contains(TaskKeys.store(TaskKeys.CONTINUATION, key));
        found.put(taskId, value && dag ? "value+dag" : value ? "value" : dag ? "dag" : "-");
      }
    }
    return found;
  }

  @Test
  void rule1InheritTakesTheParentsEffectiveMode() {
    run(ContinuationSteps.FORK_JOIN.call(), "stored-parent");
    assertEquals(
        Map.of(
            "forkJoin",
            "value+dag",
            "source1",
            "value",
            "append1",
            "value",
            "append2",
            "value",
            "join",
            "value"),
        stored("stored-parent", "forkJoin", "source1", "append1", "append2", "join"));

    run(
        ContinuationSteps.APPEND2.call(
            ContinuationSteps.FORK_JOIN
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build())),
        "unstored-parent");
    assertEquals(
        Map.of("forkJoin", "-", "source1", "-", "append1", "-", "append2_1", "-", "join", "-"),
        stored("unstored-parent", "forkJoin", "source1", "append1", "append2_1", "join"));
  }

  @Test
  void rule2TrueAndFalseStayWhateverTheParent() {
    run(ContinuationSteps.SKIP_INSIDE.call(), "false-under-true");
    assertEquals(
        Map.of("skipInside", "value+dag", "source1", "-", "append1", "value"),
        stored("false-under-true", "skipInside", "source1", "append1"));

    run(
        ContinuationSteps.APPEND2.call(
            ContinuationSteps.STORED_OUTPUT_ONLY
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build())),
        "true-under-false");
    assertEquals(
        Map.of("storedOutputOnly", "value", "source1", "-", "append1", "value"),
        stored("true-under-false", "storedOutputOnly", "source1", "append1"));
  }

  @Test
  void rule3AnUnstoredParentReRunsOnRecoveryUnlessItsOutputStepWasStored() {
    // Every step inside inherits FALSE: recovery must run the parent (and its steps) again.
    ContinuationSteps.FAIL_NEXT.set(true);
    Workflow<String> unstored =
        ContinuationSteps.FAIL_ONCE.call(
            ContinuationSteps.FORK_JOIN
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build()));
    WorkflowExecutionException first =
        assertThrows(WorkflowExecutionException.class, () -> run(unstored, "rerun"));
    assertEquals("failing once", first.getCause().getMessage());
    assertEquals("-", stored("rerun", "forkJoin").get("forkJoin"));
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("join([source1][append1], [source1][append2])", waymark.resume("rerun"));
    }
    assertEquals(2, ContinuationSteps.runs("forkJoin"));
    assertEquals(2, ContinuationSteps.runs("source1"));

    // The continuation's output step is TRUE: once it finished, recovery skips the parent.
    ContinuationSteps.RUNS.clear();
    ContinuationSteps.FAIL_NEXT.set(true);
    Workflow<String> outputStored =
        ContinuationSteps.FAIL_ONCE.call(
            ContinuationSteps.STORED_OUTPUT_ONLY
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build()));
    assertThrows(WorkflowExecutionException.class, () -> run(outputStored, "skip"));
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("[source1][append1]", waymark.resume("skip"));
    }
    assertEquals(1, ContinuationSteps.runs("storedOutputOnly"));
    assertEquals(1, ContinuationSteps.runs("source1"));
  }

  @Test
  void rule4TrueOnANonOutputStepInsideAnUnstoredParentFailsWithTheRule() {
    Workflow<String> bad =
        ContinuationSteps.APPEND2.call(
            ContinuationSteps.USELESS_CHECKPOINT
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build()));
    WorkflowExecutionException e =
        assertThrows(WorkflowExecutionException.class, () -> run(bad, "bad"));
    assertTrue(e.getCause() instanceof IllegalStateException);
    assertTrue(
        e.getCause().getMessage().contains("Only the continuation's output step may be TRUE"));
    assertFalse(stored("bad", "uselessCheckpoint").get("uselessCheckpoint").contains("dag"));
  }

  @Test
  void rule5PeriodicCheckpointsOfARecursiveStep() {
    long result =
        run(ContinuationSteps.EXP.call(Workflow.of(1L), Workflow.of(25), Workflow.of(0)), "exp");
    assertEquals(1L << 25, result);
    // exp_k runs level n = 25 - k. A level stores the DAG it returns when it is the top level, or
    // when its parent (level n + 1) is a multiple of 10 and so asked for TRUE.
    String[] ids = new String[26];
    for (int k = 0; k <= 25; k++) {
      ids[k] = k == 0 ? "exp" : "exp_" + k;
    }
    Map<String, String> actual = stored("exp", ids);
    for (int k = 0; k <= 25; k++) {
      int n = 25 - k;
      boolean storesDag = n > 0 && (k == 0 || (n + 1) % 10 == 0);
      assertEquals(storesDag, actual.get(ids[k]).contains("dag"), ids[k] + " (level " + n + ")");
    }
    assertEquals(
        3, actual.values().stream().filter(v -> v.contains("dag")).count(), actual.toString());
  }

  /**
   * Ray's shortcut: recovery of a periodically checkpointed recursion starts from the deepest
   * stored level on the output path (9 here), not from the top, so only the levels below it run
   * again, and the levels between stay unrun.
   */
  @Test
  void rule5RecoveryRestartsFromTheDeepestStoredLevel() {
    ContinuationSteps.FAIL_AT_LEVEL.set(3);
    Workflow<Long> exp =
        ContinuationSteps.EXP.call(Workflow.of(1L), Workflow.of(25), Workflow.of(0));
    assertThrows(WorkflowExecutionException.class, () -> run(exp, "exp"));
    assertEquals(23, ContinuationSteps.runs("exp"), "levels 25 down to 3 ran");
    ContinuationSteps.RUNS.clear();

    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(1L << 25, (Long) waymark.resume("exp"));
    }
    assertEquals(9, ContinuationSteps.runs("exp"), "only levels 8 down to 0 ran again");
    assertEquals(8, ContinuationSteps.runs("foo"), "foo(9) was stored with level 9's DAG");
  }

  /**
   * Ray's test_checkpoint_dag_recovery_skip: checkpoint FALSE on the top-level step is honoured.
   * Its DAG is not stored, so recovery runs it again; the workflow's output is still stored.
   */
  @Test
  void checkpointFalseOnTheTopLevelStepRunsItAgainOnRecovery() {
    ContinuationSteps.FAIL_NEXT.set(true);
    Workflow<String> top =
        ContinuationSteps.FLAKY_INSIDE
            .call()
            .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build());
    assertThrows(WorkflowExecutionException.class, () -> run(top, "top-false"));
    assertEquals("-", stored("top-false", "flakyInside").get("flakyInside"));
    assertEquals(1, ContinuationSteps.runs("flakyInside"));

    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("[source1][append1]", waymark.resume("top-false"));
    }
    assertEquals(2, ContinuationSteps.runs("flakyInside"), "the top-level step ran again");
    assertEquals(2, ContinuationSteps.runs("source1"), "its unstored DAG ran again too");
    assertEquals("value", stored("top-false", "flakyInside").get("flakyInside"));
  }
}
