package dev.waymark.samples;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.time.Duration;
import java.time.Instant;

/**
 * A durable sleep: the reminder fires when the sleep's stored wake-up time has passed, even if the
 * process was restarted meanwhile (it then sleeps only what is left).
 */
public final class Reminder {
  private Reminder() {}

  @Step
  static String remind(Instant wokeAt, String message) {
    return "at " + wokeAt + ": " + message;
  }

  static Workflow<String> remindLater(Duration delay, String message) {
    return ReminderSteps.remind(Workflow.sleep(delay), Workflow.of(message));
  }
}
