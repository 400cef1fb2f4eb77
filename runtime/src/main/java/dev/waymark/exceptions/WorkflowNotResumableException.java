package dev.waymark.exceptions;

/** The workflow cannot continue: it was canceled, or its stored DAG names steps this JVM lacks. */
public class WorkflowNotResumableException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowNotResumableException(String message) {
    super(message);
  }
}
