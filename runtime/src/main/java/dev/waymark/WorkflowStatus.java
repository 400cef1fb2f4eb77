package dev.waymark;

/** Where a stored workflow stands. */
public enum WorkflowStatus {
  /** Executing in a live process. */
  RUNNING,
  /** Accepted, waiting for a free slot under a concurrency limit. */
  PENDING,
  /** Finished; its output is stored. */
  SUCCESSFUL,
  /** A step failed; {@link Waymark#resume} retries the steps that did not finish. */
  FAILED,
  /** Interrupted (its process died or was closed); {@link Waymark#resume} continues it. */
  RESUMABLE,
  /** Stopped on request; it cannot be resumed, its checkpoints stay readable. */
  CANCELED
}
