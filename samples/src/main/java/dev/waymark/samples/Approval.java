package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowHandle;
import dev.waymark.WorkflowStatus;
import dev.waymark.annotations.Step;

/**
 * A workflow that waits for an "approval" event, which another thread or process sends with {@code
 * waymark.sendEvent(workflowId, "approval", "yes")}. No thread waits meanwhile.
 */
public final class Approval {
  private Approval() {}

  @Step
  static String publish(String document, String approval) {
    return approval.equals("yes") ? "published " + document : "rejected " + document;
  }

  static Workflow<String> publishWhenApproved(String document) {
    return ApprovalSteps.publish(
        Workflow.of(document), Workflow.waitForEvent("approval", String.class));
  }

  /** Starts the workflow, approves it as a reviewer would, and waits for its typed result. */
  static String approveAndPublish(Waymark waymark, String document) {
    WorkflowHandle<String> handle =
        waymark.start(publishWhenApproved(document), "publish-" + document);
    waymark.sendEvent(handle.workflowId(), "approval", "yes");
    return handle.result();
  }

  /** Finds a stored workflow by id, typed by what it produces, and reads it back. */
  static String lookUp(Waymark waymark, String document) {
    WorkflowHandle<String> handle = waymark.workflow("publish-" + document, String.class);
    WorkflowStatus status = handle.status(); // SUCCESSFUL
    String published = handle.output("publish", String.class); // one task's output
    return status + ": " + published;
  }
}
