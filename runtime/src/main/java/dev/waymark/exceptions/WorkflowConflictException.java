package dev.waymark.exceptions;

/**
 * A workflow was run under an id that holds a different workflow: other steps, other inputs or
 * other options than the ones recorded under that id; or a stored result was asked for as another
 * type than the one it has. Nothing was run or changed. Run it under a new id, or continue the
 * recorded one with {@link dev.waymark.Waymark#resume(String)}.
 */
public class WorkflowConflictException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowConflictException(String message) {
    super(message);
  }
}
