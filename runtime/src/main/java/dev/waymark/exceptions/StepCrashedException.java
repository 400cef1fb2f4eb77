package dev.waymark.exceptions;

/**
 * A step whose process died during every attempt it was allowed ({@code maxRetries + 1}): it is not
 * started again, so a step that always crashes the JVM cannot crash it forever.
 */
public class StepCrashedException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public StepCrashedException(String message) {
    super(message);
  }
}
