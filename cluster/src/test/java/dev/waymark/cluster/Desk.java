package dev.waymark.cluster;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.time.Duration;

/** Workflows of {@link AnyMemberTest}: one that waits for an event, one that sleeps. */
final class Desk {
  private Desk() {}

  @Step
  static String publish(String document, String approval) {
    return approval + ": " + document;
  }

  @Step
  static String remind(java.time.Instant woke, String message) {
    return "reminder: " + message;
  }

  static Workflow<String> publishWhenApproved(String document) {
    return DeskSteps.publish(
        Workflow.of(document), Workflow.waitForEvent("approval", String.class));
  }

  static Workflow<String> remindAfter(Duration delay, String message) {
    return DeskSteps.remind(Workflow.sleep(delay), Workflow.of(message));
  }
}
