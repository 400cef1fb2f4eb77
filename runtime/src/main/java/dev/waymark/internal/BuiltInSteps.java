package dev.waymark.internal;

import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.TaskKeys;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Steps the runtime itself provides, with what each does when its task runs. */
final class BuiltInSteps {
  /**
   * Durable sleep: the wake-up time is fixed when the step first runs and stored, so a workflow
   * resumed later sleeps only what is left; no thread waits meanwhile. Its output is the wake-up
   * time.
   */
  static final StepDefinition<Instant> SLEEP =
      StepDefinition.<Instant>step("dev.waymark", "sleep")
          .inputs(1)
          .shape("in java.time.Duration\nout java.time.Instant")
          .builtIn(BuiltInSteps::sleep);

  /**
   * Waits for an external event: (listener name, event key, the name of the type it expects). The
   * empty listener name is the built-in mailbox fed by {@code Waymark.sendEvent}.
   */
  static final StepDefinition<Object> EVENT =
      StepDefinition.step("dev.waymark", "event")
          .inputs(3)
          .shape("in java.lang.String\nin java.lang.String\nin java.lang.String")
          .builtIn(
              new BuiltInStep() {
                @Override
                public Object attempt(Frame frame, int t, Object[] args) {
                  Object event =
                      frame
                          .run()
                          .events()
                          .await(frame, t, (String) args[0], (String) args[1], (String) args[2]);
                  if (event == EventWaits.NO_EVENT) {
                    return WAITING;
                  }
                  RunEvents.eventReceived(frame, t, (String) args[1]);
                  return event;
                }

                @Override
                public void stored(Frame frame, Object[] args, Object output) {
                  frame.run().events().acknowledge((String) args[0], (String) args[1], output);
                }
              });

  private BuiltInSteps() {}

  static List<StepDefinition<?>> all() {
    return List.of(SLEEP, EVENT);
  }

  /**
   * Fixes and stores the wake-up time on the task's first run; returns it once it has passed, or
   * schedules the task again for then.
   */
  private static Object sleep(Frame frame, int t, Object[] args) {
    Execution run = frame.run();
    long stateKey = TaskKeys.store(TaskKeys.STATE, frame.key(t));
    Payload stored = run.claim().values().read(stateKey);
    long now = run.services().clock().millis();
    long wake;
    if (stored == null) {
      wake = now + ((Duration) args[0]).toMillis();
      byte[] bytes = ByteBuffer.allocate(8).putLong(wake).array();
      run.claim().values().write(stateKey, now, now, bytes, 0, bytes.length);
      RunEvents.sleepStarted(frame, t, wake);
      if (run.hooked()) {
        long at = wake;
        run.hook(hooks -> hooks.sleeping(run.workflowId(), frame.name(t), at));
      }
    } else {
      wake = ByteBuffer.wrap(stored.bytes(), stored.offset(), 8).getLong();
    }
    if (wake > now) {
      run.schedule(() -> run.submit(frame, t), wake - now);
      return BuiltInStep.WAITING;
    }
    RunEvents.sleepEnded(frame, t);
    return Instant.ofEpochMilli(wake);
  }
}
