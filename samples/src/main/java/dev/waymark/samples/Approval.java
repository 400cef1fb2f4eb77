package dev.waymark.samples;

import dev.waymark.Workflow;
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
}
