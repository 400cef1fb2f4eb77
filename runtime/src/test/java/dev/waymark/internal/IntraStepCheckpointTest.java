package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.StepContext;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intra-step checkpoints: progress saved inside a step survives its failed attempts. */
class IntraStepCheckpointTest {
  @TempDir Path dir;
  Waymark waymark;

  @BeforeEach
  void open() {
    StateSteps.ITERATIONS.set(0);
    StateSteps.ATTEMPTS.set(0);
    waymark = Waymark.open(dir);
  }

  @AfterEach
  void close() {
    waymark.close();
  }

  @Test
  void theSeedLoopFinishesWithinThreeRetriesDoingEachIterationOnce() {
    assertEquals(99, waymark.run(StateSteps.LOOP.call(Workflow.of(99)), "loop"));
    assertEquals(99, StateSteps.ITERATIONS.get(), "no iteration redone after its state was saved");
    assertFalse(
        new ChronicleStateProbe(dir).hasState("loop", 0), "the state is discarded once stored");
  }

  @Test
  void anAttemptThatDiesBeforeSavingKeepsTheStateOfTheOneBefore() {
    assertEquals(41, waymark.run(StateSteps.DIES_BEFORE_SAVING.call(), "keep"));
    assertEquals(3, StateSteps.ATTEMPTS.get());
  }

  /**
   * A process killed while overwriting a state record can leave it torn, and Chronicle's recovery
   * drops a torn entry: states alternate between two records, so the one before survives it.
   */
  @Test
  void losingTheRecordOfTheNewestStateLeavesTheOneBefore() {
    assertThrows(
        WorkflowExecutionException.class, () -> waymark.run(StateSteps.SAVES_FIVE.call(), "torn"));
    waymark.close();
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim("torn", false)) {
      assertTrue(claim.values().contains(TaskKeys.store(TaskKeys.STATE, 0)), "state 4");
      assertTrue(claim.values().contains(TaskKeys.store(TaskKeys.STATE_ODD, 0)), "state 5");
      claim.values().delete(TaskKeys.store(TaskKeys.STATE_ODD, 0)); // as if state 5 had been torn
    }
    waymark = Waymark.open(dir);
    assertEquals(4, (Integer) waymark.resume("torn"));
  }

  @Test
  void asyncSavesAreFlushedAndTheLatestWins() {
    assertEquals(100_000, waymark.run(StateSteps.ASYNC.call(Workflow.of(100_000)), "async"));
  }

  @Test
  void aTwentyMegabyteStateIsKept() {
    assertEquals(20 << 20, waymark.run(StateSteps.LARGE.call(Workflow.of(20 << 20)), "large"));
  }

  @Test
  void theContextNamesTheTaskAndItsAttempt() {
    assertEquals("ctx/who@1", waymark.run(StateSteps.WHO.call(), "ctx"));
    assertThrows(IllegalStateException.class, StepContext::current);
  }

  /** Looks at the store directly, with its own claim (the workflow has ended). */
  private static final class ChronicleStateProbe {
    private final Path dir;

    ChronicleStateProbe(Path dir) {
      this.dir = dir;
    }

    boolean hasState(String workflowId, long taskKey) {
      try (Storage store = Storages.open(dir);
          WorkflowStore claim = store.view(workflowId)) {
        return claim.values().contains(TaskKeys.store(TaskKeys.STATE, taskKey))
            || claim.values().contains(TaskKeys.store(TaskKeys.STATE_ODD, taskKey));
      }
    }
  }
}
