package dev.waymark.internal;

import dev.waymark.TaskMetadata;
import dev.waymark.WorkflowGraph;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowMetadata;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowException;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.exceptions.WorkflowNotFoundException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The read side of the engine: statuses, outputs and metadata of stored workflows, from the run in
 * this process when there is one, else from storage under a short claim, waiting while another
 * process runs the workflow.
 */
public final class WorkflowQueries {
  private static final long POLL_MILLIS = 50;
  private static final Object BUSY = new Object();

  private final Storage store;
  private final Map<String, Execution> active;
  private final Predicate<String> pendingHere;
  private final ScheduledExecutorService timer;

  WorkflowQueries(
      Storage store,
      Map<String, Execution> active,
      Predicate<String> pendingHere,
      ScheduledExecutorService timer) {
    this.store = store;
    this.active = active;
    this.pendingHere = pendingHere;
    this.timer = timer;
  }

  static Plan recordedPlan(WorkflowStore claim) {
    Payload dag = claim.dag().read();
    if (dag == null) {
      throw new CheckpointCorruptedException(claim.dag().file(), "is missing", null);
    }
    return DagCodec.decode(dag);
  }

  /**
   * The status, with RUNNING or PENDING turned into RESUMABLE when no process holds the workflow.
   */
  public WorkflowStatus status(String workflowId) {
    WorkflowIds.check(workflowId);
    return statusOf(workflowId, null);
  }

  /** {@link #status}, from {@code recorded} when the storage's status was read already. */
  private WorkflowStatus statusOf(String workflowId, WorkflowStatus recorded) {
    if (active.containsKey(workflowId)) {
      return WorkflowStatus.RUNNING;
    }
    if (pendingHere.test(workflowId)) {
      return WorkflowStatus.PENDING;
    }
    WorkflowStatus status = recorded;
    if (status == null) {
      StatusRecord record = store.readStatus(workflowId);
      if (record == null) {
        throw notFound(workflowId);
      }
      status = record.status();
    }
    if ((status == WorkflowStatus.RUNNING || status == WorkflowStatus.PENDING)
        && !store.isClaimed(workflowId)) {
      return WorkflowStatus.RESUMABLE;
    }
    return status;
  }

  public List<WorkflowInfo> list(WorkflowStatus... filter) {
    List<WorkflowStatus> wanted = Arrays.asList(filter);
    List<WorkflowInfo> infos = new ArrayList<>();
    for (Storage.Listed listed : store.statuses()) {
      WorkflowStatus status = statusOf(listed.id(), listed.status());
      if (wanted.isEmpty() || wanted.contains(status)) {
        infos.add(new WorkflowInfo(listed.id(), status));
      }
    }
    return infos;
  }

  /** The workflow's output, waiting while it runs here or in another process. */
  public Object output(String workflowId) {
    WorkflowIds.check(workflowId);
    while (true) {
      Execution execution = active.get(workflowId);
      if (execution != null) {
        return Engine.join(execution.result());
      }
      WorkflowStatus status = status(workflowId);
      switch (status) {
        case RUNNING, PENDING -> {
          sleep();
          continue;
        }
        case FAILED ->
            throw new WorkflowExecutionException(store.readStatus(workflowId).error(), null);
        case CANCELED ->
            throw new WorkflowCancelledException("workflow '" + workflowId + "' was canceled");
        case RESUMABLE -> {
          String reason = store.readStatus(workflowId).error();
          throw new WorkflowException(
              "workflow '"
                  + workflowId
                  + "' was interrupted before it finished"
                  + (reason == null ? "" : " (" + reason + ")")
                  + "; resume it to get its output");
        }
        default -> {}
      }
      Object out = withClaim(workflowId, claim -> readOutput(claim, workflowId, null));
      if (out != BUSY) {
        return out;
      }
    }
  }

  /**
   * The workflow's output once it is known, with no thread waiting: a run here completes it, a run
   * in another process is polled on the timer.
   */
  public CompletableFuture<Object> outputAsync(String workflowId) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    pollOutput(workflowId, result);
    return result;
  }

  private void pollOutput(String workflowId, CompletableFuture<Object> result) {
    try {
      Execution execution = active.get(workflowId);
      if (execution != null) {
        execution
            .result()
            .whenComplete(
                (out, failure) -> {
                  if (failure == null) {
                    result.complete(out);
                  } else {
                    result.completeExceptionally(failure);
                  }
                });
        return;
      }
      WorkflowStatus status = status(workflowId);
      if (status == WorkflowStatus.RUNNING || status == WorkflowStatus.PENDING) {
        timer.schedule(() -> pollOutput(workflowId, result), POLL_MILLIS, TimeUnit.MILLISECONDS);
        return;
      }
      result.complete(output(workflowId));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /**
   * The output of one task, waiting while the task has not run and its workflow runs here or in
   * another process.
   */
  public Object output(String workflowId, String taskId) {
    WorkflowIds.check(workflowId);
    while (true) {
      Execution execution = active.get(workflowId);
      if (execution != null) {
        execution.awaitTask(taskId).join();
        if (!execution.hasEnded()) {
          try {
            long key = execution.names().keyOf(taskId);
            if (key >= 0 && Records.hasValue(execution.claim(), key)) {
              SignatureCheck.checkReadable(execution.claim(), workflowId, execution.plan(), key);
              return Records.value(execution.claim(), key);
            }
          } catch (RuntimeException e) {
            if (!execution.hasEnded()) {
              throw e;
            } // it ended meanwhile and released its claim: read it again below
          }
        }
        awaitQuietly(execution.result());
        continue;
      }
      WorkflowStatus status = status(workflowId);
      if (status == WorkflowStatus.RUNNING || status == WorkflowStatus.PENDING) {
        sleep();
        continue;
      }
      Object out = withClaim(workflowId, claim -> readOutput(claim, workflowId, taskId));
      if (out != BUSY) {
        return out;
      }
    }
  }

  /** The run's metadata and times. */
  public WorkflowMetadata metadata(String workflowId) {
    WorkflowIds.check(workflowId);
    Execution execution = active.get(workflowId);
    if (execution != null) {
      StatusRecord record = execution.claim().status().read();
      return new WorkflowMetadata(
          workflowId,
          WorkflowStatus.RUNNING,
          execution.plan().metadata,
          instant(record.startMillis()),
          null,
          instant(record.firstStartMillis()));
    }
    WorkflowStatus status = status(workflowId);
    StatusRecord record = store.readStatus(workflowId);
    Object metadata = awaitClaim(workflowId, claim -> recordedPlan(claim).metadata);
    @SuppressWarnings("unchecked")
    Map<String, String> map = (Map<String, String>) metadata;
    return new WorkflowMetadata(
        workflowId,
        status,
        map,
        instant(record.startMillis()),
        instant(record.endMillis()),
        instant(record.firstStartMillis()));
  }

  /** The workflow's recorded DAG with what became of each task. */
  public WorkflowGraph graph(String workflowId) {
    WorkflowIds.check(workflowId);
    Execution execution = active.get(workflowId);
    if (execution != null) {
      try {
        return Graphs.stored(workflowId, WorkflowStatus.RUNNING, execution.claim());
      } catch (RuntimeException e) {
        if (!execution.hasEnded()) {
          throw e;
        } // it ended meanwhile and released its claim: read from storage
        awaitQuietly(execution.result());
      }
    }
    WorkflowStatus status = status(workflowId);
    return (WorkflowGraph)
        awaitClaim(workflowId, claim -> Graphs.stored(workflowId, status, claim));
  }

  /** A task's step, metadata and times (null times until its output is stored). */
  public TaskMetadata metadata(String workflowId, String taskId) {
    WorkflowIds.check(workflowId);
    Execution execution = active.get(workflowId);
    if (execution != null) {
      try {
        return taskMetadata(execution.claim(), execution.plan(), workflowId, taskId);
      } catch (RuntimeException e) {
        if (!execution.hasEnded()) {
          throw e;
        } // it ended meanwhile and released its claim: read from storage
        awaitQuietly(execution.result());
      }
    }
    status(workflowId);
    return (TaskMetadata)
        awaitClaim(
            workflowId, claim -> taskMetadata(claim, recordedPlan(claim), workflowId, taskId));
  }

  private static TaskMetadata taskMetadata(
      WorkflowStore claim, Plan root, String workflowId, String taskId) {
    long key = taskKey(new TaskNames(claim, root), workflowId, taskId);
    TaskLocator.Located located = TaskLocator.locate(claim, root, key);
    Payload times = claim.values().read(TaskKeys.store(TaskKeys.OUTPUT, key));
    if (times == null) {
      times = claim.values().read(TaskKeys.store(TaskKeys.CONTINUATION, key));
    }
    Plan plan = located == null ? null : located.plan();
    int t = located == null ? -1 : located.task();
    return new TaskMetadata(
        taskId,
        plan == null ? null : plan.taskStep[t] == Plan.ALL ? "all" : plan.stepIds[plan.taskStep[t]],
        plan == null ? Map.of() : plan.taskOptions[t].metadata(),
        times == null ? null : instant(times.startMillis()),
        times == null ? null : instant(times.endMillis()));
  }

  private static Instant instant(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }

  /** Reads under a short claim; {@link #BUSY} when another process holds the workflow now. */
  private Object withClaim(String workflowId, Function<WorkflowStore, Object> read) {
    WorkflowStore claim;
    try {
      claim = store.view(workflowId);
    } catch (WorkflowStillActiveException busy) {
      sleep();
      return BUSY;
    }
    if (claim == null) {
      throw notFound(workflowId);
    }
    try {
      return read.apply(claim);
    } finally {
      claim.close();
    }
  }

  private Object awaitClaim(String workflowId, Function<WorkflowStore, Object> read) {
    while (true) {
      Object out = withClaim(workflowId, read);
      if (out != BUSY) {
        return out;
      }
    }
  }

  private static Object readOutput(WorkflowStore claim, String workflowId, String taskId) {
    Plan plan = recordedPlan(claim);
    TaskNames names = new TaskNames(claim, plan);
    long key = taskId == null ? plan.output : taskKey(names, workflowId, taskId);
    if (!Records.hasValue(claim, key)) {
      throw new WorkflowException(
          "task '"
              + (taskId == null ? names.rootNames()[plan.output] : taskId)
              + "' of workflow '"
              + workflowId
              + "' has no stored output: it has not run, or its checkpoint is off");
    }
    SignatureCheck.checkReadable(claim, workflowId, plan, key);
    return Records.value(claim, key);
  }

  private static long taskKey(TaskNames names, String workflowId, String taskId) {
    long key = names.keyOf(taskId);
    if (key < 0) {
      throw new WorkflowNotFoundException(
          "workflow '"
              + workflowId
              + "' has no task '"
              + taskId
              + "'; its recorded DAG's tasks are "
              + abbreviate(names.rootNames()));
    }
    return key;
  }

  private static String abbreviate(String[] ids) {
    List<String> list = Arrays.asList(ids);
    return list.size() <= 10
        ? list.toString()
        : list.subList(0, 10) + " and " + (list.size() - 10) + " more";
  }

  static void awaitQuietly(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (RuntimeException ignored) {
      // the caller reads what was stored
    }
  }

  static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkflowException("interrupted while waiting for a workflow", e);
    }
  }

  static WorkflowNotFoundException notFound(String workflowId) {
    return new WorkflowNotFoundException("no workflow '" + workflowId + "' is stored");
  }
}
