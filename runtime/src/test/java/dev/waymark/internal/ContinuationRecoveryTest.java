package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
   * A base name's counter is stored only every few names, and may be lost: a task named again after
   * a kill looks past the ids other tasks took and gets its own id back, never a taken one.
   */
  @Test
  void aTaskNamedAgainAfterAKillWithItsCounterLostGetsItsOwnIdBack() {
    Workflow<String> workflow = ContinuationSteps.DOWN.call(Workflow.of(40));
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals("bottom", waymark.run(workflow, "deep"));
    }
    long[] keys = new long[41];
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim("deep", false)) {
      for (int level = 1; level <= 40; level++) {
        Payload key =
            claim.values().read(TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash("down_" + level)));
        keys[level] = java.nio.ByteBuffer.wrap(key.bytes(), key.offset(), key.length()).getLong();
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
          claim.values().delete(TaskKeys.store(TaskKeys.NAME_OF, keys[40]));
          claim.values().delete(TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash("down_40")));
          claim.values().delete(TaskKeys.store(TaskKeys.COUNTER, TaskKeys.hash("down")));
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
      Payload key = claim.values().read(TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash("down_40")));
      assertEquals(
          keys[40], java.nio.ByteBuffer.wrap(key.bytes(), key.offset(), key.length()).getLong());
    }
  }
}
