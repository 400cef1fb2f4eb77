package dev.waymark.internal;

import dev.waymark.WorkflowCancelledException;
import dev.waymark.WorkflowException;
import dev.waymark.WorkflowExecutionException;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowNotFoundException;
import dev.waymark.WorkflowNotResumableException;
import dev.waymark.WorkflowStatus;
import dev.waymark.WorkflowStillActiveException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs and manages the workflows of one storage: claims a workflow, records its DAG before the
 * first step, executes it on a bounded pool and answers status and output queries. The public
 * {@code Waymark} class is a thin typed front for this.
 */
public final class Engine implements AutoCloseable {
  private static final long POLL_MILLIS = 50;

  private final CheckpointStore store;
  private final ExecutorService pool;
  private final Map<String, Execution> active = new ConcurrentHashMap<>();

  public Engine(CheckpointStore store, int parallelism) {
    this.store = store;
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "waymark-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(parallelism, factory);
  }

  public CheckpointStore store() {
    return store;
  }

  /** Runs {@code root} as {@code workflowId}: new ids record the DAG, known ones continue. */
  public CompletableFuture<Object> run(Node<?> root, String workflowId) {
    Plan plan = Plan.of(root);
    return start(workflowId, plan, true);
  }

  /** Continues a stored workflow from its recorded DAG. */
  public CompletableFuture<Object> resume(String workflowId) {
    return start(WorkflowIds.check(workflowId), null, false);
  }

  private CompletableFuture<Object> start(String workflowId, Plan newPlan, boolean create) {
    WorkflowIds.check(workflowId);
    if (active.containsKey(workflowId)) {
      throw new WorkflowStillActiveException(
          "workflow '" + workflowId + "' is running in this process");
    }
    CheckpointStore.Claim claim = store.claim(workflowId, create);
    if (claim == null) {
      throw notFound(workflowId);
    }
    Execution execution;
    try {
      CheckpointStore.StatusRecord status = claim.readStatus();
      Plan plan;
      boolean fresh = status == null;
      if (fresh) {
        if (newPlan == null) {
          throw notFound(workflowId);
        }
        plan = newPlan;
        claim.writeDag(DagCodec.encode(plan));
        claim.writeStatus(new CheckpointStore.StatusRecord(WorkflowStatus.RUNNING, null));
      } else {
        if (status.status() == WorkflowStatus.CANCELED) {
          throw new WorkflowNotResumableException(
              "workflow '" + workflowId + "' was canceled; it cannot run again");
        }
        plan = recordedPlan(claim);
        if (status.status() != WorkflowStatus.SUCCESSFUL) {
          claim.writeStatus(new CheckpointStore.StatusRecord(WorkflowStatus.RUNNING, null));
        }
      }
      claim.expectOutputs(plan.taskCount());
      execution = new Execution(workflowId, plan, claim, pool, () -> active.remove(workflowId));
      active.put(workflowId, execution);
      execution.start(fresh);
    } catch (RuntimeException | Error e) {
      active.remove(workflowId);
      claim.close();
      throw e;
    }
    return execution.result();
  }

  private static Plan recordedPlan(CheckpointStore.Claim claim) {
    byte[] dag = claim.readDag();
    if (dag == null) {
      throw new dev.waymark.CheckpointCorruptedException(
          claim.directory().resolve(ChronicleCheckpointStore.DAG_FILE), "is missing", null);
    }
    return DagCodec.decode(dag, claim.directory().resolve(ChronicleCheckpointStore.DAG_FILE));
  }

  /** The status, with RUNNING turned into RESUMABLE when no process holds the workflow. */
  public WorkflowStatus status(String workflowId) {
    WorkflowIds.check(workflowId);
    if (active.containsKey(workflowId)) {
      return WorkflowStatus.RUNNING;
    }
    CheckpointStore.StatusRecord record = store.readStatus(workflowId);
    if (record == null) {
      throw notFound(workflowId);
    }
    if (record.status() == WorkflowStatus.RUNNING && !store.isClaimed(workflowId)) {
      return WorkflowStatus.RESUMABLE;
    }
    return record.status();
  }

  public List<WorkflowInfo> list(WorkflowStatus... filter) {
    List<WorkflowStatus> wanted = Arrays.asList(filter);
    List<WorkflowInfo> infos = new ArrayList<>();
    for (String id : store.workflowIds()) {
      WorkflowStatus status;
      try {
        status = status(id);
      } catch (WorkflowNotFoundException deletedMeanwhile) {
        continue;
      }
      if (wanted.isEmpty() || wanted.contains(status)) {
        infos.add(new WorkflowInfo(id, status));
      }
    }
    return infos;
  }

  /** The workflow's output, waiting while it runs here or in another process. */
  public Object output(String workflowId) {
    return output(workflowId, null);
  }

  /** The output of one task ({@code taskId}) or, when null, of the workflow. */
  public Object output(String workflowId, String taskId) {
    while (true) {
      Execution execution = active.get(workflowId);
      if (execution != null) {
        if (taskId == null) {
          return join(execution.result());
        }
        awaitQuietly(execution.result());
        continue;
      }
      WorkflowStatus status = status(workflowId);
      if (status == WorkflowStatus.RUNNING || status == WorkflowStatus.PENDING) {
        sleep();
        continue;
      }
      if (taskId == null) {
        switch (status) {
          case FAILED ->
              throw new WorkflowExecutionException(store.readStatus(workflowId).error(), null);
          case CANCELED ->
              throw new WorkflowCancelledException("workflow '" + workflowId + "' was canceled");
          case RESUMABLE ->
              throw new WorkflowException(
                  "workflow '"
                      + workflowId
                      + "' was interrupted before it finished; resume it to get its output");
          default -> {}
        }
      }
      CheckpointStore.Claim claim;
      try {
        claim = store.claim(workflowId, false);
      } catch (WorkflowStillActiveException busy) {
        sleep();
        continue;
      }
      if (claim == null) {
        throw notFound(workflowId);
      }
      try {
        return readOutput(claim, workflowId, taskId);
      } finally {
        claim.close();
      }
    }
  }

  private static Object readOutput(CheckpointStore.Claim claim, String workflowId, String taskId) {
    Plan plan = recordedPlan(claim);
    int task = plan.output;
    if (taskId != null) {
      task = Arrays.asList(plan.taskIds()).indexOf(taskId);
      if (task < 0) {
        throw new WorkflowNotFoundException(
            "workflow '"
                + workflowId
                + "' has no task '"
                + taskId
                + "'; its tasks are "
                + abbreviate(plan.taskIds()));
      }
    }
    CheckpointStore.Payload payload = plan.isStored(task) ? claim.readOutput(task) : null;
    if (payload == null) {
      throw new WorkflowException(
          "task '"
              + (taskId == null ? plan.taskId(task) : taskId)
              + "' of workflow '"
              + workflowId
              + "' has no stored output: it has not run yet");
    }
    return CheckpointTypes.deserialize(payload.bytes(), payload.offset(), payload.length());
  }

  private static String abbreviate(String[] ids) {
    List<String> list = Arrays.asList(ids);
    return list.size() <= 10
        ? list.toString()
        : list.subList(0, 10) + " and " + (list.size() - 10) + " more";
  }

  /** Deletes every stored byte of a workflow that is not running. */
  public void delete(String workflowId) {
    WorkflowIds.check(workflowId);
    if (active.containsKey(workflowId)) {
      throw new WorkflowStillActiveException(
          "workflow '" + workflowId + "' is running in this process; it cannot be deleted");
    }
    CheckpointStore.Claim claim = store.claim(workflowId, false);
    if (claim == null) {
      throw notFound(workflowId);
    }
    claim.deleteAll();
  }

  /** Waits for {@code future}, turning its failure into the exception the caller sees. */
  public static Object join(CompletableFuture<?> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new WorkflowException(String.valueOf(cause), cause);
    }
  }

  private static void awaitQuietly(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (RuntimeException ignored) {
      // the caller reads what was stored
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkflowException("interrupted while waiting for a workflow", e);
    }
  }

  private static WorkflowNotFoundException notFound(String workflowId) {
    return new WorkflowNotFoundException("no workflow '" + workflowId + "' is stored");
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
