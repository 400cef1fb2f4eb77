package dev.waymark.exceptions;

/** A step needs more of a resource than the runtime has at all, so it could never run. */
public class InsufficientResourcesException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public InsufficientResourcesException(String message) {
    super(message);
  }
}
