package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowConflictException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An id names one workflow: running another one under it is refused, naming the difference. */
class ConflictTest {
  @TempDir Path dir;
  Waymark waymark;

  @BeforeEach
  void open() {
    TestSteps.RUNS.clear();
    waymark = Waymark.open(dir);
    assertEquals(3, waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "w"));
  }

  @AfterEach
  void close() {
    waymark.close();
  }

  @Test
  void theSameWorkflowAgainReturnsTheStoredResultAndRunsNothing() {
    assertEquals(3, waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "w"));
    assertEquals(2, TestSteps.runs("inc"));
  }

  @Test
  void anotherConstantIsNamed() {
    WorkflowConflictException e =
        assertThrows(
            WorkflowConflictException.class,
            () -> waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(5))), "w"));
    assertTrue(
        e.getMessage()
            .contains(
                "workflow 'w' was recorded with a different DAG: input 1 of task 'inc' is the"
                    + " constant 1 in the recorded DAG and the constant 5 in this one"),
        e.getMessage());
    assertTrue(e.getMessage().contains("resume(\"w\")"), e.getMessage());
    assertEquals(2, TestSteps.runs("inc"), "nothing ran");
    assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("w"));
    assertEquals(3, (Integer) waymark.resume("w"), "the recorded one is still there");
  }

  @Test
  void anInsertedStepIsNamed() {
    WorkflowConflictException e =
        assertThrows(
            WorkflowConflictException.class,
            () ->
                waymark.run(
                    TestSteps.inc(TestSteps.add(TestSteps.inc(Workflow.of(1)), Workflow.of(0))),
                    "w"));
    assertTrue(
        e.getMessage()
            .contains(
                "task 'inc_1' is step dev.waymark.internal.TestSteps#inc in the recorded DAG and"
                    + " step dev.waymark.internal.TestSteps#add in this one"),
        e.getMessage());
  }

  @Test
  void anotherResultTypeIsRefusedAtTheCallNotWithAClassCastLater() {
    WorkflowConflictException e =
        assertThrows(WorkflowConflictException.class, () -> waymark.run(TestSteps.bytes(3), "w"));
    assertTrue(e.getMessage().contains("TestSteps#bytes in this one"), e.getMessage());
  }

  @Test
  void anotherOptionIsNamed() {
    WorkflowConflictException e =
        assertThrows(
            WorkflowConflictException.class,
            () ->
                waymark.run(
                    TestSteps.inc(
                        TestSteps.inc(Workflow.of(1))
                            .options(StepOptions.builder().maxRetries(7).build())),
                    "w"));
    assertTrue(
        e.getMessage()
            .contains("task 'inc' has maxRetries 3 in the recorded DAG and 7 in this one"),
        e.getMessage());
  }

  @Test
  void runMetadataIsNotPartOfTheWorkflow() {
    assertEquals(
        3,
        waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "w", java.util.Map.of("k", "v")));
  }
}
