package dev.waymark;

import dev.waymark.exceptions.WorkflowConflictException;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.exceptions.WorkflowNotResumableException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One workflow, typed by its result: its status, result, task outputs and metadata, and cancel,
 * resume and delete. {@link Waymark#start(Workflow, String)} returns one for a workflow it starts;
 * {@link Waymark#workflow(String, Class)} one for a stored workflow, checked against the type the
 * caller names. A handle holds nothing: it is the workflow's id with its type, and every call asks
 * the runtime, which sees runs in other processes too.
 *
 * <pre>{@code
 * WorkflowHandle<Integer> report = waymark.start(PipelineSteps.aggregate(data), "daily-report");
 * report.status();        // RUNNING
 * int sum = report.result();
 * }</pre>
 *
 * @param <T> the workflow's result type
 */
public final class WorkflowHandle<T> {
  private final Waymark waymark;
  private final String workflowId;
  private final Class<T> type;
  private final CompletableFuture<T> started;

  WorkflowHandle(Waymark waymark, String workflowId, Class<T> type, CompletableFuture<T> started) {
    this.waymark = waymark;
    this.workflowId = workflowId;
    this.type = type;
    this.started = started;
  }

  public String workflowId() {
    return workflowId;
  }

  /** The workflow's status; see {@link Waymark#getStatus(String)}. */
  public WorkflowStatus status() {
    return waymark.getStatus(workflowId);
  }

  /**
   * The workflow's result, waiting while it runs here or in another process.
   *
   * @throws WorkflowExecutionException when it failed
   * @throws WorkflowConflictException when the stored result is not of this handle's type
   */
  public T result() {
    return started != null ? Waymark.join(started) : checked(waymark.getOutput(workflowId));
  }

  /** The workflow's result once it is known, without blocking the caller. */
  public CompletableFuture<T> resultAsync() {
    if (started != null) {
      return started;
    }
    return waymark.<Object>getOutputAsync(workflowId).thenApply(this::checked);
  }

  /**
   * Continues the workflow from its recorded DAG and stored outputs and returns its result; a
   * finished one returns its result at once.
   *
   * @throws WorkflowNotResumableException when it was canceled, or its code changed
   * @throws WorkflowStillActiveException when it runs now
   */
  public T resume() {
    return checked(waymark.resume(workflowId));
  }

  /**
   * The stored output of one task of the workflow, waiting while the task has not run; see {@link
   * Waymark#getOutput(String, String)}.
   *
   * @throws WorkflowConflictException when the output is not a {@code taskType}
   */
  public <U> U output(String taskId, Class<U> taskType) {
    Objects.requireNonNull(taskType, "taskType");
    return cast(
        waymark.getOutput(workflowId, taskId),
        taskType,
        "task '" + taskId + "' of workflow '" + workflowId + "'");
  }

  /** The run's metadata and times; see {@link Waymark#getMetadata(String)}. */
  public WorkflowMetadata metadata() {
    return waymark.getMetadata(workflowId);
  }

  /** A task's step, metadata and times; see {@link Waymark#getMetadata(String, String)}. */
  public TaskMetadata metadata(String taskId) {
    return waymark.getMetadata(workflowId, taskId);
  }

  /** Cancels the workflow; see {@link Waymark#cancel(String)}. */
  public void cancel() {
    waymark.cancel(workflowId);
  }

  /** Deletes every stored byte of the workflow; see {@link Waymark#delete(String)}. */
  public void delete() {
    waymark.delete(workflowId);
  }

  @Override
  public String toString() {
    return "WorkflowHandle[" + workflowId + "]";
  }

  private T checked(Object value) {
    return type == null ? uncheckedCast(value) : cast(value, type, "workflow '" + workflowId + "'");
  }

  @SuppressWarnings("unchecked")
  private static <T> T uncheckedCast(Object value) {
    return (T) value;
  }

  private <U> U cast(Object value, Class<U> wanted, String what) {
    // int.class asks for an Integer; a reference type is left as it is.
    Class<?> boxed = MethodType.methodType(wanted).wrap().returnType();
    if (value != null && !boxed.isInstance(value)) {
      throw new WorkflowConflictException(
          what
              + " produced a "
              + value.getClass().getName()
              + ", not the "
              + wanted.getName()
              + " asked for");
    }
    @SuppressWarnings("unchecked")
    U typed = (U) value;
    return typed;
  }
}
