package dev.waymark.internal;

/**
 * A step the runtime runs itself instead of calling user code: a durable sleep, an event wait. Each
 * attempt either has the output at once or arranges for the task to run again later.
 */
interface BuiltInStep {
  /** What {@link #attempt} returns when the task must run again later, as it arranged. */
  Object WAITING = new Object();

  /**
   * Task {@code t} of {@code frame}'s output, from its inputs {@code args}, or {@link #WAITING}.
   */
  Object attempt(Frame frame, int t, Object[] args);

  /** Called once {@code output} is stored: what the step consumed can be let go (an event). */
  default void stored(Frame frame, Object[] args, Object output) {}
}
