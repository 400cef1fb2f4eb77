package dev.waymark.exceptions;

/** The workflow is running, in this process or another one sharing the storage. */
public class WorkflowStillActiveException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowStillActiveException(String message) {
    super(message);
  }
}
