package dev.waymark.exceptions;

/** The workflow was canceled; its committed checkpoints stay readable. */
public class WorkflowCancelledException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowCancelledException(String message) {
    super(message);
  }
}
