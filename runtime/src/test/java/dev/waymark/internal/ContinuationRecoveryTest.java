package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery inside continuations, from the states a process killed at the wrong moment leaves (the
 * crash-torture harness found each of them): the stored state is set up directly, then resumed.
 */
class ContinuationRecoveryTest {
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    ContinuationSteps.RUNS.clear();
    ContinuationSteps.FAIL_NEXT.set(false);
  }

  private void edit(String id, Consumer<WorkflowStore> change) {
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim(id, false)) {
      change.accept(claim);
      claim.status().write(claim.status().read().next(WorkflowStatus.RUNNING, null, 0));
    }
  }

  /**
   * A parent that is not stored resolves through its stored output step; the link from the parent
   * to that output is written right after it. Killed in between, the parent runs again, but its
   * output step, stored, must not.
   */
  @Test
  void aStoredOutputStepUnderAnUnstoredParentDoesNotRunAgainWhenTheLinkIsLost() {
    Workflow<String> workflow =
        ContinuationSteps.APPEND2.call(
            ContinuationSteps.STORED_OUTPUT_ONLY
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build()));
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("[source1][append1][append2]", waymark.run(workflow, "link"));
    }
    edit(
        "link",
        claim -> {
          claim.values().delete(TaskKeys.store(TaskKeys.FINAL, 0)); // storedOutputOnly's link
          claim
              .values()
              .delete(TaskKeys.store(TaskKeys.OUTPUT, 1)); // append2, the workflow's output
        });
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("[source1][append1][append2]", waymark.resume("link"));
    }
    assertEquals(2, ContinuationSteps.runs("storedOutputOnly"), "the unstored parent ran again");
    assertEquals(1, ContinuationSteps.runs("append1"), "its stored output step did not");
    assertEquals(1, ContinuationSteps.runs("source1"));
  }

  /**
   * A continuation resumed from its stored DAG did not read its inputs; when it resolves it must
   * not release them: an unstored input another task still needs would be gone.
   */
  @Test
  void aResumedContinuationLeavesItsInputsToTheTasksThatStillNeedThem() {
    Workflow<String> unstored =
        ContinuationSteps.SOURCE1
            .call()
            .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build());
    Workflow<String> workflow =
        ContinuationSteps.JOIN.call(unstored, ContinuationSteps.FAIL_THEN_SLOW.call(unstored));
    ContinuationSteps.FAIL_NEXT.set(true);
    try (Waymark waymark = Waymark.open(dir)) {
      assertThrows(WorkflowExecutionException.class, () -> waymark.run(workflow, "inputs"));
      // Resumed: failThenSlow continues its stored DAG (slow: it resolves last) while source1, not
      // stored, runs again for join.
      assertEquals("join([source1], [source1][slow])", waymark.resume("inputs"));
    }
    assertEquals(1, ContinuationSteps.runs("failThenSlow"));
  }

  /**
   * A continuation's task takes its id by writing the id's entry (id to task) first, then the
   * task's own entry (task to id). Killed in between, the parent runs again and the task gets the
   * same id back.
   */
  @Test
  void aTaskIdTakenBeforeAKillIsTheSameAfterIt() {
    Workflow<String> workflow =
        ContinuationSteps.APPEND2.call(
            ContinuationSteps.SIMPLE_SEQUENTIAL
                .call()
                .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build()));
    long append1;
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("[source1][append1][append2][append2]", waymark.run(workflow, "ids"));
    }
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim("ids", false)) {
      Payload key = claim.values().read(TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash("append1")));
      append1 = java.nio.ByteBuffer.wrap(key.bytes(), key.offset(), key.length()).getLong();
    }
    edit(
        "ids",
        claim -> {
          claim.values().delete(TaskKeys.store(TaskKeys.FINAL, 0));
          claim.values().delete(TaskKeys.store(TaskKeys.OUTPUT, 1));
          claim.values().delete(TaskKeys.store(TaskKeys.NAME_OF, append1));
          claim.values().delete(TaskKeys.store(TaskKeys.COUNTER, TaskKeys.hash("append1")));
          claim.values().delete(TaskKeys.store(TaskKeys.OUTPUT, append1));
        });
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("[source1][append1][append2][append2]", waymark.resume("ids"));
      // The id resolves only when the id's entry and the task's entry agree.
      assertEquals("append1", waymark.getMetadata("ids", "append1").taskId());
      assertThrows(
          dev.waymark.exceptions.WorkflowNotFoundException.class,
          () -> waymark.getMetadata("ids", "append1_1"),
          "no second id was made up for the same task");
    }
  }

  /**
   * A continuation's tasks take their ids in the record of its DAG, where nothing but the ids of
   * that DAG's tasks count them: a task named again after a kill, its parent's DAG lost, looks past
   * the ids the stored DAGs hold and gets its own id back, never a taken one.
   */
  @Test
  void aTaskNamedAgainAfterAKillGetsItsOwnIdBack() {
    Workflow<String> workflow = ContinuationSteps.DOWN.call(Workflow.of(40));
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("bottom", waymark.run(workflow, "deep"));
    }
    long[] keys = new long[41];
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim("deep", false)) {
      TaskNames names = new TaskNames(claim, DagCodec.decode(claim.dag().read()));
      for (int level = 1; level <= 40; level++) {
        keys[level] = names.keyOf("down_" + level);
        assertTrue(keys[level] >= 0, "down_" + level + " is found");
        assertFalse(
            claim.values().contains(TaskKeys.store(TaskKeys.NAME_OF, keys[level])),
            "the id of a task of a stored DAG is kept in that DAG's record alone");
      }
    }
    // Killed as level 39 ran again: its continuation, and the name of the task it creates, lost.
    edit(
        "deep",
        claim -> {
          claim.values().delete(TaskKeys.store(TaskKeys.FINAL, 0));
          keys[0] = 1; // the root DAG's down
          for (int level = 0; level <= 40; level++) {
            claim.values().delete(TaskKeys.store(TaskKeys.OUTPUT, keys[level]));
            claim.values().delete(TaskKeys.store(TaskKeys.FINAL, keys[level]));
            claim.values().delete(TaskKeys.link(keys[level]));
          }
          claim.values().delete(TaskKeys.store(TaskKeys.CONTINUATION, keys[39]));
          claim.values().delete(TaskKeys.store(TaskKeys.CONTINUATION, keys[40]));
        });
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("bottom", waymark.resume("deep"));
      assertEquals("down_40", waymark.getMetadata("deep", "down_40").taskId());
      assertEquals("down_39", waymark.getMetadata("deep", "down_39").taskId());
      assertThrows(
          dev.waymark.exceptions.WorkflowNotFoundException.class,
          () -> waymark.getMetadata("deep", "down_41"),
          "no other id was made up for the task named again");
    }
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim("deep", false)) {
      TaskNames names = new TaskNames(claim, DagCodec.decode(claim.dag().read()));
      assertEquals(keys[40], names.keyOf("down_40"));
    }
  }

  /**
   * A continuation whose stored DAG says its value is that DAG's output as is gets no final record
   * of its own: its value is read through its DAG, by a query and after a kill alike.
   */
  @Test
  void aContinuationResolvedByItsOutputStepIsReadThroughItsDag() {
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(
          3628800L, waymark.run(ContinuationSteps.FACTORIAL.call(Workflow.of(10L)), "through"));
      assertEquals((Object) 5040L, waymark.getOutput("through", "factorial_3"), "7!");
    }
    long[] muls = new long[3];
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim("through", false)) {
      TaskNames names = new TaskNames(claim, DagCodec.decode(claim.dag().read()));
      long level3 = names.keyOf("factorial_3");
      assertTrue(claim.values().contains(TaskKeys.store(TaskKeys.CONTINUATION, level3)));
      assertFalse(
          claim.values().contains(TaskKeys.store(TaskKeys.FINAL, level3)),
          "no final record: the output of its DAG's mul is its value");
      assertTrue(Records.hasValue(claim, level3));
      for (int i = 0; i < muls.length; i++) {
        muls[i] = names.keyOf(i == 0 ? "mul" : "mul_" + i);
      }
    }
    // Killed as the three top multiplications were about to commit: the levels below them are done.
    edit(
        "through",
        claim -> {
          for (long mul : muls) {
            claim.values().delete(TaskKeys.store(TaskKeys.OUTPUT, mul));
          }
        });
    ContinuationSteps.RUNS.clear();
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals((Object) 3628800L, waymark.resume("through"));
      assertEquals((Object) 5040L, waymark.getOutput("through", "factorial_3"));
    }
    assertEquals(0, ContinuationSteps.runs("factorial"), "every level's DAG was stored");
    assertEquals(3, ContinuationSteps.runs("mul"), "only the multiplications that were lost");
  }
}
