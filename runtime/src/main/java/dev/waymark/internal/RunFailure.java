package dev.waymark.internal;

import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StepCrashedException;
import dev.waymark.exceptions.StorageException;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowException;
import dev.waymark.exceptions.WorkflowExecutionException;

/**
 * Why a run fails: the first failure (later ones lose), the task it came from and how that task
 * spent its attempts; and what it becomes for the run's callers and its stored status.
 */
final class RunFailure {
  private final String workflowId;
  private volatile Throwable cause;
  private String task;
  private String attempts = "";

  RunFailure(String workflowId) {
    this.workflowId = workflowId;
  }

  /** Records the failure unless one came first; {@code attempts} may be empty. */
  synchronized void set(String task, String attempts, Throwable cause) {
    if (this.cause == null) {
      this.task = task;
      this.attempts = attempts;
      this.cause = cause;
    }
  }

  boolean isSet() {
    return cause != null;
  }

  boolean isCancel() {
    return cause instanceof WorkflowCancelledException;
  }

  /**
   * Whether a step failed (its own exception, or attempts spent by crashes): the workflow is
   * FAILED. Otherwise the storage failed, and the workflow stays resumable.
   */
  boolean isStepFailure() {
    return !(cause instanceof WorkflowException) || cause instanceof StepCrashedException;
  }

  /** The status the run ends with: a failed step's ends it, a storage failure leaves it RUNNING. */
  WorkflowStatus status() {
    return isCancel()
        ? WorkflowStatus.CANCELED
        : isStepFailure() ? WorkflowStatus.FAILED : WorkflowStatus.RUNNING;
  }

  /**
   * What the run's callers get: a cancel as it is; a step's failure in a {@link
   * WorkflowExecutionException} that names the workflow, the task and its attempts; a storage
   * failure saying where it happened.
   */
  Throwable thrown() {
    if (isCancel()) {
      return cause;
    }
    if (isStepFailure()) {
      return new WorkflowExecutionException(
          "workflow '"
              + workflowId
              + "' failed in task '"
              + task
              + (attempts.isEmpty() ? "'" : "' (" + attempts + ")")
              + ": "
              + cause,
          cause);
    }
    String where = "workflow '" + workflowId + "', task '" + task + "'";
    if (cause instanceof CheckpointCorruptedException corrupted) {
      return new CheckpointCorruptedException(where, corrupted);
    }
    if (cause instanceof StorageException storage) {
      return new StorageException(where + ": " + storage.getMessage(), storage);
    }
    return cause;
  }
}
