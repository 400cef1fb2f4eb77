package dev.waymark.exceptions;

/**
 * The runtime already runs its maximum of workflows and holds its maximum of pending ones: the
 * submission was refused and nothing was recorded.
 */
public class WorkflowQueueFullException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowQueueFullException(String message) {
    super(message);
  }
}
