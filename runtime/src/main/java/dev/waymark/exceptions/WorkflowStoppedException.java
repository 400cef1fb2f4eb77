package dev.waymark.exceptions;

/**
 * The workflow stopped because its runtime closed ({@link dev.waymark.Waymark#close()}, or the
 * shared runtime at JVM exit, SIGTERM or Ctrl-C) before it finished, or died of a crash a test
 * injected. It is RESUMABLE: {@link dev.waymark.Waymark#resume} or {@link
 * dev.waymark.Waymark#resumeAll} in a runtime on the same storage continues it from its last
 * commit.
 */
public class WorkflowStoppedException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public WorkflowStoppedException(String workflowId) {
    this(workflowId, "its runtime closed");
  }

  /** The workflow stopped for the reason {@code why}, such as "its runtime closed". */
  public WorkflowStoppedException(String workflowId, String why) {
    super(
        "workflow '"
            + workflowId
            + "' stopped because "
            + why
            + ": it is RESUMABLE, and resume(\""
            + workflowId
            + "\") or resumeAll(false) in a runtime on the same storage continues it from its last"
            + " commit");
  }
}
