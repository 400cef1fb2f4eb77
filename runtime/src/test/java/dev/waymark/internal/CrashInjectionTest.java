package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowStoppedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash injected in this JVM through {@link RunHooks}: the runtime dies at the chosen place,
 * writes nothing more, and lets go of its segment uncleanly, so the next runtime recovers it.
 */
class CrashInjectionTest {
  @TempDir Path dir;

  /** Notes what runs and restores; crashes when {@code crashAt} matches "place task". */
  static final class Recorder implements RunHooks {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final String crashAt;

    Recorder(String crashAt) {
      this.crashAt = crashAt;
    }

    private void at(String place, String taskId) {
      seen.add(place + " " + taskId);
      if ((place + " " + taskId).equals(crashAt)) {
        throw new SimulatedCrash(place + " " + taskId);
      }
    }

    @Override
    public void attemptStarting(String workflowId, String taskId, int attempt) {
      at("start", taskId);
    }

    @Override
    public void restored(String workflowId, String taskId) {
      at("restored", taskId);
    }

    @Override
    public void committing(String workflowId, String taskId) {
      at("committing", taskId);
    }

    @Override
    public void committed(String workflowId, String taskId) {
      at("committed", taskId);
    }
  }

  @AfterEach
  void uninstall() {
    RunHooks.install(dir, null);
  }

  private static Workflow<Integer> chain() {
    return TestSteps.inc(TestSteps.inc(TestSteps.inc(Workflow.of(1))));
  }

  /**
   * Runs the chain with a crash at {@code crashAt}, then resumes it; returns what the resume saw.
   */
  private List<String> crashThenResume(String crashAt) {
    RunHooks.install(dir, new Recorder(crashAt));
    try (Waymark waymark = Waymark.open(dir)) {
      WorkflowStoppedException e =
          assertThrows(WorkflowStoppedException.class, () -> waymark.run(chain(), "chain"));
      assertTrue(e.getMessage().contains("crash injected by a test"), e.getMessage());
    }
    Recorder after = new Recorder(null);
    RunHooks.install(dir, after);
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("chain"));
      assertEquals(4, (int) waymark.resume("chain"));
    }
    return after.seen;
  }

  @Test
  void aCrashAfterACommitResumesAfterIt() {
    List<String> resumed = crashThenResume("committed inc_1");
    assertEquals(
        List.of("restored inc_1", "start inc_2", "committing inc_2", "committed inc_2"), resumed);
  }

  @Test
  void aCrashBeforeACommitRunsThatStepAgain() {
    List<String> resumed = crashThenResume("committing inc_1");
    assertEquals("restored inc", resumed.get(0));
    assertTrue(resumed.contains("start inc_1"), resumed.toString());
    assertTrue(resumed.contains("committed inc_2"), resumed.toString());
  }

  @Test
  void aCompatibilityCheckRunsNothingAndIsNotSeenByTheHooks() {
    RunHooks.install(dir, new Recorder("committed inc_1"));
    try (Waymark waymark = Waymark.open(dir)) {
      assertThrows(WorkflowStoppedException.class, () -> waymark.run(chain(), "chain"));
    }
    Recorder after = new Recorder(null);
    RunHooks.install(dir, after);
    TestSteps.RUNS.clear();
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.checkCompatible("chain");
      assertEquals(List.of(), after.seen);
      assertEquals(0, TestSteps.runs("inc"));
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("chain"));
      assertThrows(
          dev.waymark.exceptions.WorkflowNotFoundException.class,
          () -> waymark.checkCompatible("nothing"));
    }
  }

  @Test
  void theDeadRuntimeLeftItsSegmentToBeRecovered() throws Exception {
    crashThenResume("start inc_2");
    // The dead runtime did not close its maps cleanly: the resuming one recovered them, and
    // closed them cleanly itself.
    try (var segments = Files.list(dir.resolve("segments"))) {
      assertTrue(segments.anyMatch(Files::isDirectory));
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("chain"));
      assertEquals(4, (int) waymark.getOutput("chain"));
    }
  }
}
