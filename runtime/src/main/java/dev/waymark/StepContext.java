package dev.waymark;

import dev.waymark.internal.CurrentTask;

/**
 * What a running step can learn about itself: its workflow, its task id and attempt, a key for
 * making side effects idempotent, and its intra-step checkpoint. Call {@link #current()} from the
 * step's own thread, while the step runs.
 */
public interface StepContext {

  /**
   * The context of the step running on this thread.
   *
   * @throws IllegalStateException when no step runs on this thread
   */
  static StepContext current() {
    return CurrentTask.context();
  }

  String workflowId();

  /** The task's id, e.g. {@code book_flight_1}. */
  String taskId();

  /** The attempt number, 1 for the first; a crash or a retry adds one. */
  int attempt();

  /**
   * A key that is the same for every attempt of this task in this workflow and different for any
   * other task: give it to an external service to make a side effect happen once even when the step
   * runs again after a crash.
   */
  default String idempotencyKey() {
    return workflowId() + "/" + taskId();
  }

  /**
   * The step's intra-step checkpoint: state saved as the step goes, read back by a later attempt
   * (after a retry, or a resume after the process died), discarded once the step's output is
   * stored. A step can also declare a {@link Checkpointer} parameter, which the runtime supplies.
   */
  <S> Checkpointer<S> checkpointer();
}
