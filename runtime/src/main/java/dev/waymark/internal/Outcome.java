package dev.waymark.internal;

/** What became of one attempt of a task ({@link Attempt}); the frame settles it. */
sealed interface Outcome {

  /**
   * The task has its output (a step's value, a caught failure as a {@code Result}, a built-in
   * step's value): store it, discard the saved state, then acknowledge and hand it on.
   */
  record Value(
      Object out, int attempt, long startMillis, StateCheckpointer<?> state, Runnable acknowledge)
      implements Outcome {}

  /** The step returned a DAG: record it (if the task is stored) and run it. */
  record Continuation(Node<?> dag, long startMillis) implements Outcome {}

  /**
   * Attempt {@code attempt} failed with {@code error} and the task may try again, as attempt {@code
   * attempt} + 1; {@code crashed} when the attempt was lost with the process that ran it.
   */
  record Retry(int attempt, long delayMillis, Throwable error, boolean crashed)
      implements Outcome {}

  /**
   * The attempt failed for good: the failure goes to the nearest catching task, or fails the run.
   * {@code attempts} says how the task spent its attempts, for the run's failure message.
   */
  record Failed(Throwable error, int attempt, String attempts) implements Outcome {}

  /** Nothing to settle now. */
  enum Later implements Outcome {
    /** A built-in step waits (a sleep, an event); the task runs again when it may finish. */
    WAITING,
    /** The runtime is stopping: the task runs when the workflow is resumed. */
    STOPPED,
    /**
     * A stop gave up on the step while its code ran: nothing of the attempt is recorded, and this
     * thread must not touch the run's storage any more.
     */
    ABANDONED
  }
}
