package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowHandle;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowConflictException;
import dev.waymark.exceptions.WorkflowNotFoundException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The typed handle of a workflow, from the public API. */
@Timeout(60)
class WorkflowHandleTest {
  @TempDir Path dir;

  @Test
  void aStartedWorkflowsHandleIsTypedByTheWorkflow() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    try (Waymark waymark = Waymark.open(dir)) {
      WorkflowHandle<Integer> handle =
          waymark.start(ManagementSteps.GATED.call(Workflow.of(4)), "started");
      assertEquals("started", handle.workflowId());
      assertEquals(WorkflowStatus.RUNNING, handle.status());
      ManagementSteps.gate.countDown();
      int result = handle.result();
      assertEquals(4, result);
      assertEquals(4, handle.resultAsync().get(10, TimeUnit.SECONDS));
      assertEquals(WorkflowStatus.SUCCESSFUL, handle.status());
      assertEquals(4, handle.output("gated", Integer.class));
    }
  }

  @Test
  void aStoredWorkflowsHandleChecksTheTypeAskedFor() {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "stored");
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, waymark.workflow("stored", Integer.class).result());
      assertEquals(3, waymark.workflow("stored", int.class).result(), "a primitive is its box");
      assertEquals(2, waymark.workflow("stored", Integer.class).output("inc", Integer.class));
      assertEquals(3, waymark.workflow("stored", Integer.class).resume(), "finished: its result");
      WorkflowHandle<String> wrong = waymark.workflow("stored", String.class);
      WorkflowConflictException e = assertThrows(WorkflowConflictException.class, wrong::result);
      assertTrue(
          e.getMessage().contains("workflow 'stored' produced a java.lang.Integer"),
          e.getMessage());
      assertTrue(e.getMessage().contains("not the java.lang.String asked for"), e.getMessage());
      WorkflowConflictException task =
          assertThrows(
              WorkflowConflictException.class,
              () -> waymark.workflow("stored", Integer.class).output("inc", Long.class));
      assertTrue(task.getMessage().contains("task 'inc' of workflow 'stored'"), task.getMessage());
      assertThrows(
          WorkflowNotFoundException.class, () -> waymark.workflow("nothing", Integer.class));
    }
  }

  @Test
  void aHandleCancelsAndDeletes() throws Exception {
    ManagementSteps.STARTED.set(0);
    try (Waymark waymark = Waymark.open(dir)) {
      WorkflowHandle<Integer> handle = waymark.start(ManagementSteps.HOLD_LOCK.call(), "held");
      while (ManagementSteps.STARTED.get() == 0) {
        Thread.sleep(5);
      }
      handle.cancel();
      assertEquals(WorkflowStatus.CANCELED, handle.status());
      assertThrows(WorkflowCancelledException.class, handle::result);
      handle.delete();
      assertThrows(WorkflowNotFoundException.class, handle::status);
    }
  }
}
