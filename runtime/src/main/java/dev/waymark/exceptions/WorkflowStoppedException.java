package dev.waymark.exceptions;

/**
 * The workflow stopped because its runtime closed ({@link dev.waymark.Waymark#close()}, or the
 * shared runtime at JVM exit, SIGTERM or Ctrl-C) before it finished. It is RESUMABLE: {@link
 * dev.waymark.Waymark#resume} or {@link dev.waymark.Waymark#resumeAll} in a runtime on the same
 * storage continues it from its last commit.
 */
public class WorkflowStoppedException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowStoppedException(String workflowId) {
    super(
        "workflow '"
            + workflowId
            + "' stopped because its runtime closed: it is RESUMABLE, and resume(\""
            + workflowId
            + "\") or resumeAll(false) in a runtime on the same storage continues it from its last"
            + " commit");
  }
}
