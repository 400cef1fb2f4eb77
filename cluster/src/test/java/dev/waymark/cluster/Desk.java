package dev.waymark.cluster;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.time.Duration;

/**
 * Workflows of {@link AnyMemberTest}: one that waits for an event, one that sleeps, one that fails
 * before it succeeds.
 */
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

  /** Failures left for {@link #flaky}, by name. */
  static final java.util.Map<String, Integer> FAILURES =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Step(retryExceptions = true, maxRetries = 3)
  static String flaky(String name) {
    if (FAILURES.merge(name, -1, Integer::sum) >= 0) {
      throw new IllegalStateException("not yet: " + name);
    }
    return "done: " + name;
  }

  static Workflow<String> publishWhenApproved(String document) {
    return DeskSteps.publish(
        Workflow.of(document), Workflow.waitForEvent("approval", String.class));
  }

  static Workflow<String> remindAfter(Duration delay, String message) {
    return DeskSteps.remind(Workflow.sleep(delay), Workflow.of(message));
  }
}
