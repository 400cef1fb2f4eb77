package dev.waymark.exceptions;

/** No workflow (or no task of a workflow) is stored under the given id. */
public class WorkflowNotFoundException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowNotFoundException(String message) {
    super(message);
  }
}
