package dev.waymark.exceptions;

/** A step threw; the step's exception is the cause. The workflow is FAILED and can be resumed. */
public class WorkflowExecutionException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowExecutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
