package dev.waymark.internal;

import java.util.List;

/** Steps the runtime itself provides; the engine runs them specially. */
final class BuiltInSteps {
  /**
   * Durable sleep: the wake-up time is fixed when the step first runs and stored, so a workflow
   * resumed later sleeps only what is left; no thread waits meanwhile. Its output is the wake-up
   * time. Never invoked directly.
   */
  static final StepDefinition<java.time.Instant> SLEEP =
      StepDefinition.<java.time.Instant>step("dev.waymark", "sleep")
          .inputs(1)
          .shape("in java.time.Duration\nout java.time.Instant")
          .invoker(
              args -> {
                throw new IllegalStateException("sleep is run by the engine");
              });

  /**
   * Waits for an external event: (listener name, event key, the name of the type it expects). The
   * empty listener name is the built-in mailbox fed by {@code Waymark.sendEvent}. Never invoked
   * directly.
   */
  static final StepDefinition<Object> EVENT =
      StepDefinition.step("dev.waymark", "event")
          .inputs(3)
          .shape("in java.lang.String\nin java.lang.String\nin java.lang.String")
          .invoker(
              args -> {
                throw new IllegalStateException("event waits are run by the engine");
              });

  private BuiltInSteps() {}

  static List<StepDefinition<?>> all() {
    return List.of(SLEEP, EVENT);
  }
}
