package dev.waymark.exceptions;

/** The base of every exception the Waymark runtime throws on purpose. */
public class WorkflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WorkflowException(String message) {
    super(message);
  }

  public WorkflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
