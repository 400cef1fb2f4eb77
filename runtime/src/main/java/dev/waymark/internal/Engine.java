package dev.waymark.internal;

import dev.waymark.Durability;
import dev.waymark.TaskMetadata;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowMetadata;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowException;
import dev.waymark.exceptions.WorkflowNotResumableException;
import dev.waymark.exceptions.WorkflowQueueFullException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs and manages the workflows of one storage: claims a workflow, records its DAG before the
 * first step, executes it on a bounded pool and answers status, output and metadata queries. The
 * public {@code Waymark} class is a thin typed front for this.
 */
public final class Engine implements AutoCloseable {

  private final Storage store;
  private final ExecutorService pool;
  private final ScheduledExecutorService timer;
  private final ExecutorService stateWriter;
  private final Services services;
  private final Map<String, Execution> active = new ConcurrentHashMap<>();
  private final Map<String, Queued> queued = new ConcurrentHashMap<>();
  private final WorkflowQueries queries;
  private final java.util.ArrayDeque<Queued> queue = new java.util.ArrayDeque<>();
  private final int maxRunning;
  private final int maxPending;
  private int running;
  private final java.time.Duration stopGrace;
  private boolean closed;
  private static final long CANCEL_POLL_MILLIS = 100;

  /** Runs the workflows of {@code store} as {@code settings} say. */
  public Engine(Storage store, EngineSettings settings) {
    this.store = store;
    this.maxRunning = settings.maxRunning();
    this.maxPending = settings.maxPending();
    this.stopGrace = settings.stopGrace();
    this.pool =
        Executors.newFixedThreadPool(
            settings.parallelism(), StepThreads.factory("waymark-", settings.virtualThreads()));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(StepThreads.factory("waymark-timer-", false));
    this.queries = new WorkflowQueries(store, active, queued::containsKey, timer);
    this.stateWriter =
        Executors.newSingleThreadExecutor(StepThreads.factory("waymark-state-", false));
    this.services =
        new Services(
            pool,
            timer,
            new ResourcePool(settings.capacity()),
            stateWriter,
            settings.listeners(),
            store.durability() == Durability.POWER_LOSS ? new GroupCommit() : null);
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            pollCancelRequests();
          } catch (RuntimeException e) {
            // a storage hiccup: the next poll tries again
          }
        },
        CANCEL_POLL_MILLIS,
        CANCEL_POLL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  public Storage store() {
    return store;
  }

  /** Runs {@code root} as {@code workflowId}: new ids record the DAG, known ones continue. */
  public CompletableFuture<Object> run(
      Node<?> root, String workflowId, Map<String, String> metadata) {
    Plan plan = Plan.of(root, metadata);
    checkResources(plan);
    return start(workflowId, plan, true);
  }

  /** Continues a stored workflow from its recorded DAG. */
  public CompletableFuture<Object> resume(String workflowId) {
    return start(WorkflowIds.check(workflowId), null, false);
  }

  private void checkResources(Plan plan) {
    Set<TaskOptions> seen = new HashSet<>();
    String[] taskIds = null;
    for (int t = 0; t < plan.taskCount(); t++) {
      TaskOptions options = plan.taskOptions[t];
      if (options.needsResources() && seen.add(options)) {
        if (taskIds == null) {
          taskIds = plan.taskIds();
        }
        services.resources().checkFits(taskIds[t], options);
      }
    }
  }

  private CompletableFuture<Object> start(String workflowId, Plan newPlan, boolean create) {
    WorkflowIds.check(workflowId);
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("this Waymark runtime is closed; open another one");
      }
    }
    if (active.containsKey(workflowId) || queued.containsKey(workflowId)) {
      throw new WorkflowStillActiveException(
          "workflow '" + workflowId + "' is running or pending in this process");
    }
    synchronized (this) {
      if (running >= maxRunning && queue.size() >= maxPending) {
        throw queueFull(workflowId); // before anything is recorded
      }
    }
    WorkflowStore claim = store.claim(workflowId, create);
    if (claim == null) {
      throw WorkflowQueries.notFound(workflowId);
    }
    Queued admitted = null;
    boolean now = false;
    try {
      StatusRecord status = claim.status().read();
      Plan plan;
      boolean fresh = status == null;
      if (fresh) {
        if (newPlan == null) {
          throw WorkflowQueries.notFound(workflowId);
        }
        plan = newPlan;
      } else {
        if (status.status() == WorkflowStatus.CANCELED) {
          throw new WorkflowNotResumableException(
              "workflow '" + workflowId + "' was canceled; it cannot run again");
        }
        plan = recordedPlan(claim);
        if (newPlan != null) {
          PlanDifference.check(workflowId, plan, newPlan);
        }
        if (status.status() != WorkflowStatus.SUCCESSFUL) {
          checkResources(plan);
        }
      }
      Queued run = new Queued(workflowId, plan, fresh, claim, new CompletableFuture<>());
      synchronized (this) {
        if (running < maxRunning) {
          running++;
          now = true;
        } else if (queue.size() < maxPending) {
          queue.add(run);
          queued.put(workflowId, run);
        } else {
          throw queueFull(workflowId);
        }
      }
      admitted = run;
      if (fresh) {
        SignatureCheck.keepShapes(claim, plan);
        claim.dag().write(DagCodec.encode(plan));
        claim
            .status()
            .write(
                StatusRecord.first(
                    now ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING,
                    System.currentTimeMillis()));
      } else if (!now && status.status() != WorkflowStatus.SUCCESSFUL) {
        claim.status().write(status.next(WorkflowStatus.PENDING, null, 0));
      }
      if (now) {
        admitted = null; // launch answers for the slot and the claim from here on
        return launch(run);
      }
      return run.result();
    } catch (RuntimeException | Error e) {
      if (admitted != null && now) {
        release(); // admitted, then failed to record: the slot goes back
      } else if (admitted != null) {
        synchronized (this) {
          queue.remove(admitted);
          queued.remove(workflowId, admitted);
        }
      }
      claim.close();
      throw e;
    }
  }

  /** A workflow admitted but not started: its DAG is recorded and its claim held. */
  private record Queued(
      String workflowId,
      Plan plan,
      boolean fresh,
      WorkflowStore claim,
      CompletableFuture<Object> result) {}

  private static WorkflowQueueFullException queueFull(String workflowId) {
    return new WorkflowQueueFullException(
        "cannot accept workflow '"
            + workflowId
            + "': the maximum of running and of pending workflows is reached; retry later or raise"
            + " Waymark.builder().maxRunning(..) / maxPending(..)");
  }

  /** Starts a workflow that has its running slot; returns its result. */
  private CompletableFuture<Object> launch(Queued run) {
    String workflowId = run.workflowId();
    Execution execution = null;
    try {
      run.claim().values().expectRecords(run.plan().taskCount());
      execution =
          new Execution(workflowId, run.plan(), run.claim(), services, () -> ended(workflowId));
      active.put(workflowId, execution);
      // The status says RUNNING only once the recorded DAG proved runnable by this code: a
      // workflow refused here keeps the status it had.
      execution.start(run.fresh(), () -> markRunning(run.claim(), run.fresh()));
    } catch (RuntimeException | Error e) {
      if (execution == null || !execution.hasEnded()) {
        active.remove(workflowId);
        release(); // the run did not end, so it did not give its slot back
      }
      run.claim().close();
      run.result().completeExceptionally(e);
      throw e;
    }
    execution
        .result()
        .whenComplete(
            (out, failure) -> {
              if (failure != null) {
                run.result().completeExceptionally(failure);
              } else {
                run.result().complete(out);
              }
            });
    return run.result();
  }

  /**
   * Records that the workflow runs from now on, unless it finished already; a fresh workflow
   * recorded as running a moment ago is left as it is.
   */
  private static void markRunning(WorkflowStore claim, boolean fresh) {
    StatusRecord status = claim.status().read();
    if (status.status() == WorkflowStatus.SUCCESSFUL
        || (fresh && status.status() == WorkflowStatus.RUNNING)) {
      return;
    }
    claim.status().write(status.restarted(System.currentTimeMillis()));
  }

  /** A run ended: its slot goes to the oldest pending workflow. */
  private void ended(String workflowId) {
    active.remove(workflowId);
    release();
  }

  private void release() {
    Queued next;
    synchronized (this) {
      if (closed) {
        return;
      }
      next = queue.poll();
      if (next == null) {
        running--;
        return;
      }
      queued.remove(next.workflowId());
    }
    services
        .pool()
        .execute(
            () -> {
              try {
                launch(next);
              } catch (RuntimeException | Error e) {
                // reported through the workflow's result
              }
            });
  }

  /**
   * Cancels a workflow: running steps are interrupted and it ends CANCELED; a pending or
   * interrupted one is marked CANCELED. Its stored checkpoints stay readable. Waits until it
   * stopped. A finished workflow is left as it is.
   */
  public void cancel(String workflowId) {
    WorkflowIds.check(workflowId);
    while (true) {
      Execution execution = active.get(workflowId);
      if (execution != null) {
        execution.cancel();
        WorkflowQueries.awaitQuietly(execution.result());
        return;
      }
      Queued waiting;
      synchronized (this) {
        waiting = queued.remove(workflowId);
        if (waiting != null) {
          queue.remove(waiting);
        }
      }
      if (waiting != null) {
        markCanceled(waiting.claim());
        waiting.claim().close();
        waiting
            .result()
            .completeExceptionally(
                new WorkflowCancelledException("workflow '" + workflowId + "' was canceled"));
        return;
      }
      WorkflowStatus status = status(workflowId);
      if (status == WorkflowStatus.SUCCESSFUL || status == WorkflowStatus.CANCELED) {
        return;
      }
      if (status == WorkflowStatus.RUNNING || status == WorkflowStatus.PENDING) {
        store.requestCancel(workflowId); // the process running it polls for this
        WorkflowQueries.sleep();
        continue;
      }
      WorkflowStore claim;
      try {
        claim = store.claim(workflowId, false);
      } catch (WorkflowStillActiveException startedMeanwhile) {
        WorkflowQueries.sleep();
        continue;
      }
      if (claim == null) {
        throw WorkflowQueries.notFound(workflowId);
      }
      try {
        markCanceled(claim);
      } finally {
        claim.close();
      }
      return;
    }
  }

  private static void markCanceled(WorkflowStore claim) {
    StatusRecord status = claim.status().read();
    claim.status().write(status.next(WorkflowStatus.CANCELED, null, System.currentTimeMillis()));
  }

  /** Cancels the runs another process asked to cancel. */
  private void pollCancelRequests() {
    for (Map.Entry<String, Execution> run : active.entrySet()) {
      if (store.takeCancelRequest(run.getKey())) {
        run.getValue().cancel();
      }
    }
    for (String workflowId : List.copyOf(queued.keySet())) {
      if (store.takeCancelRequest(workflowId)) {
        services.pool().execute(() -> cancel(workflowId));
      }
    }
  }

  /**
   * Resumes every RESUMABLE workflow of the storage (those that were running before those that were
   * pending), and the FAILED ones too when {@code includeFailed}. Returns their results by id, in
   * the order they were resumed; a workflow that could not be resumed has a failed future.
   */
  public Map<String, CompletableFuture<Object>> resumeAll(boolean includeFailed) {
    List<String> wasRunning = new ArrayList<>();
    List<String> wasPending = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (WorkflowInfo info : queries.list()) {
      String id = info.workflowId();
      WorkflowStatus status = info.status();
      if (status == WorkflowStatus.RESUMABLE) {
        StatusRecord recorded = store.readStatus(id);
        (recorded != null && recorded.status() == WorkflowStatus.PENDING ? wasPending : wasRunning)
            .add(id);
      } else if (status == WorkflowStatus.FAILED && includeFailed) {
        failed.add(id);
      }
    }
    Map<String, CompletableFuture<Object>> results = new LinkedHashMap<>();
    for (List<String> group : List.of(wasRunning, wasPending, failed)) {
      for (String id : group) {
        try {
          results.put(id, resume(id));
        } catch (RuntimeException e) {
          results.put(id, CompletableFuture.failedFuture(e));
        }
      }
    }
    return results;
  }

  static Plan recordedPlan(WorkflowStore claim) {
    return WorkflowQueries.recordedPlan(claim);
  }

  /**
   * The status, with RUNNING or PENDING turned into RESUMABLE when no process holds the workflow.
   */
  public WorkflowStatus status(String workflowId) {
    return queries.status(workflowId);
  }

  public List<WorkflowInfo> list(WorkflowStatus... filter) {
    return queries.list(filter);
  }

  /** The workflow's output, waiting while it runs here or in another process. */
  public Object output(String workflowId) {
    return queries.output(workflowId);
  }

  /** The workflow's output once it is known, without blocking the caller. */
  public CompletableFuture<Object> outputAsync(String workflowId) {
    return queries.outputAsync(workflowId);
  }

  /** The output of one task, waiting while it has not run and its workflow runs. */
  public Object output(String workflowId, String taskId) {
    return queries.output(workflowId, taskId);
  }

  /** The run's metadata and times. */
  public WorkflowMetadata metadata(String workflowId) {
    return queries.metadata(workflowId);
  }

  /** A task's step, metadata and times. */
  public TaskMetadata metadata(String workflowId, String taskId) {
    return queries.metadata(workflowId, taskId);
  }

  /** Leaves an event for a workflow's mailbox; see {@code Waymark.sendEvent}. */
  public void sendEvent(String workflowId, String key, Object payload) {
    WorkflowIds.check(workflowId);
    WorkflowIds.checkEventKey(key);
    byte[] bytes = CheckpointCodec.serialize(payload);
    EventTypes.check(workflowId, key, EventTypes.expected(store, workflowId, key), payload);
    store.postEvent(workflowId, key, bytes);
  }

  /** Deletes every stored byte of a workflow that is not running. */
  public void delete(String workflowId) {
    WorkflowIds.check(workflowId);
    if (active.containsKey(workflowId) || queued.containsKey(workflowId)) {
      throw new WorkflowStillActiveException(
          "workflow '"
              + workflowId
              + "' is running or pending in this process; it cannot be deleted");
    }
    WorkflowStore claim = store.claim(workflowId, false);
    if (claim == null) {
      throw WorkflowQueries.notFound(workflowId);
    }
    claim.deleteAll();
  }

  /** Waits for {@code future}, turning its failure into the exception the caller sees. */
  public static Object join(CompletableFuture<?> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
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

  /**
   * Stops gracefully and releases the storage: no workflow starts any more; running steps get the
   * grace period to finish, and their outputs are committed; then the steps still running are
   * interrupted and dropped. Every workflow that did not finish is left RESUMABLE (not FAILED), and
   * its callers get a {@link WorkflowStoppedException}.
   */
  @Override
  public void close() {
    List<Queued> waiting;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      waiting = new ArrayList<>(queue);
      queue.clear();
      queued.clear();
    }
    for (Queued run : waiting) {
      run.claim().close();
      run.result().completeExceptionally(new WorkflowStoppedException(run.workflowId()));
    }
    List<Execution> runs = List.copyOf(active.values());
    runs.forEach(Execution::beginStop);
    long deadline = System.nanoTime() + stopGrace.toNanos();
    while (runs.stream().anyMatch(Execution::hasRunningSteps) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    runs.forEach(Execution::finishStop);
    timer.shutdownNow();
    pool.shutdownNow();
    stateWriter.shutdownNow();
    if (services.commits() != null) {
      services.commits().close();
    }
    store.close();
  }

  /** The default capacity: every core as a CPU, no GPU. */
  public static Map<String, Double> defaultCapacity() {
    Map<String, Double> capacity = new LinkedHashMap<>();
    capacity.put(ResourcePool.CPU, (double) Runtime.getRuntime().availableProcessors());
    capacity.put(ResourcePool.GPU, 0.0);
    return capacity;
  }
}
