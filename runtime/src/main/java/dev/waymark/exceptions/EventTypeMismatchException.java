package dev.waymark.exceptions;

/**
 * An event's payload is not of the type the workflow waits for: refused by {@link
 * Waymark#sendEvent}, so that it never reaches a step or a result.
 */
public class EventTypeMismatchException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public EventTypeMismatchException(String message) {
    super(message);
  }
}
