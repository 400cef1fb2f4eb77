package dev.waymark;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link WaymarkListener} is told: one record per kind of moment in a run. Every event names
 * its workflow and carries its time, read from the runtime's clock; step events name their task
 * and, where one runs, the attempt (1 for the first). On JDK 21+ a {@code switch} over the records
 * covers them all; on JDK 17 use {@code instanceof}.
 */
public sealed interface WaymarkEvent {
  /** The workflow the event belongs to. */
  String workflowId();

  /** When it happened, by the runtime's clock. */
  Instant time();

  /** A new workflow was recorded and its first steps start. */
  record WorkflowStarted(String workflowId, Instant time) implements WaymarkEvent {}

  /**
   * A stored workflow runs again (a resume after a crash or a stop, or a second {@code run} of the
   * same id): its committed steps are restored, not run.
   */
  record WorkflowResumed(String workflowId, Instant time) implements WaymarkEvent {}

  /** The workflow succeeded. {@code started} is when this run of it began. */
  record WorkflowFinished(String workflowId, Instant started, Instant time)
      implements WaymarkEvent {}

  /** The workflow failed for good with {@code error}. */
  record WorkflowFailed(String workflowId, Instant started, Instant time, Throwable error)
      implements WaymarkEvent {}

  /** The workflow was canceled. */
  record WorkflowCancelled(String workflowId, Instant started, Instant time)
      implements WaymarkEvent {}

  /**
   * This run stopped and left the workflow RESUMABLE: the runtime closed ({@code error} null), the
   * storage failed under it, or the resume was refused before anything ran, as when the code
   * changed ({@code error} says which); a later resume goes on from its last commits.
   */
  record WorkflowStopped(String workflowId, Instant started, Instant time, Throwable error)
      implements WaymarkEvent {}

  /** A step's attempt starts running the step's code. */
  record StepStarted(String workflowId, String taskId, int attempt, Instant time)
      implements WaymarkEvent {}

  /**
   * A task's output is committed: stored, so that no later run executes its step again. {@code
   * bytes} is the size of the stored output (0 when the task's output is not stored, as for a step
   * with checkpointing off). {@code started} is when the attempt began.
   */
  record StepCommitted(
      String workflowId, String taskId, int attempt, Instant started, Instant time, int bytes)
      implements WaymarkEvent {}

  /** Attempt {@code attempt} failed with {@code error}; the step runs again after {@code delay}. */
  record StepRetried(
      String workflowId, String taskId, int attempt, Instant time, Throwable error, Duration delay)
      implements WaymarkEvent {}

  /** The step failed for good with {@code error} on attempt {@code attempt}. */
  record StepFailed(String workflowId, String taskId, int attempt, Instant time, Throwable error)
      implements WaymarkEvent {}

  /** The task's output was committed by an earlier run: it is read back, its step does not run. */
  record StepRestored(String workflowId, String taskId, Instant time) implements WaymarkEvent {}

  /** A step saved its state number {@code number} (a {@code Checkpointer} save). */
  record StateSaved(String workflowId, String taskId, int attempt, long number, Instant time)
      implements WaymarkEvent {}

  /** The event {@code key} that task {@code taskId} waited for arrived and is committed. */
  record EventReceived(String workflowId, String taskId, String key, Instant time)
      implements WaymarkEvent {}

  /** A durable sleep fixed (and stored) when it wakes. */
  record SleepStarted(String workflowId, String taskId, Instant wake, Instant time)
      implements WaymarkEvent {}

  /** A durable sleep is over. */
  record SleepEnded(String workflowId, String taskId, Instant time) implements WaymarkEvent {}
}
