package dev.waymark.internal;

import dev.waymark.CheckpointCorruptedException;
import dev.waymark.TaskMetadata;
import dev.waymark.WorkflowCancelledException;
import dev.waymark.WorkflowException;
import dev.waymark.WorkflowExecutionException;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowMetadata;
import dev.waymark.WorkflowNotFoundException;
import dev.waymark.WorkflowNotResumableException;
import dev.waymark.WorkflowQueueFullException;
import dev.waymark.WorkflowStatus;
import dev.waymark.WorkflowStillActiveException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs and manages the workflows of one storage: claims a workflow, records its DAG before the
 * first step, executes it on a bounded pool and answers status, output and metadata queries. The
 * public {@code Waymark} class is a thin typed front for this.
 */
public final class Engine implements AutoCloseable {
  private static final long POLL_MILLIS = 50;

  private final CheckpointStore store;
  private final ExecutorService pool;
  private final ScheduledExecutorService timer;
  private final ExecutorService stateWriter;
  private final Services services;
  private final Map<String, Execution> active = new ConcurrentHashMap<>();
  private final Map<String, Queued> queued = new ConcurrentHashMap<>();
  private final java.util.ArrayDeque<Queued> queue = new java.util.ArrayDeque<>();
  private final int maxRunning;
  private final int maxPending;
  private int running;
  private static final long CANCEL_POLL_MILLIS = 100;

  /**
   * @param capacity the resources this runtime offers: {@code cpus}, {@code gpus} and named ones
   */
  public Engine(
      CheckpointStore store,
      int parallelism,
      Map<String, Double> capacity,
      int maxRunning,
      int maxPending,
      Map<String, dev.waymark.EventListener<?>> listeners) {
    this.store = store;
    this.maxRunning = maxRunning;
    this.maxPending = maxPending;
    this.pool = Executors.newFixedThreadPool(parallelism, daemonThreads("waymark-"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("waymark-timer-"));
    this.stateWriter = Executors.newSingleThreadExecutor(daemonThreads("waymark-state-"));
    this.services =
        new Services(pool, timer, new ResourcePool(capacity), stateWriter, Map.copyOf(listeners));
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

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger threads = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public CheckpointStore store() {
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
    if (active.containsKey(workflowId) || queued.containsKey(workflowId)) {
      throw new WorkflowStillActiveException(
          "workflow '" + workflowId + "' is running or pending in this process");
    }
    synchronized (this) {
      if (running >= maxRunning && queue.size() >= maxPending) {
        throw queueFull(workflowId); // before anything is recorded
      }
    }
    CheckpointStore.Claim claim = store.claim(workflowId, create);
    if (claim == null) {
      throw notFound(workflowId);
    }
    try {
      CheckpointStore.StatusRecord status = claim.readStatus();
      Plan plan;
      boolean fresh = status == null;
      if (fresh) {
        if (newPlan == null) {
          throw notFound(workflowId);
        }
        plan = newPlan;
      } else {
        if (status.status() == WorkflowStatus.CANCELED) {
          throw new WorkflowNotResumableException(
              "workflow '" + workflowId + "' was canceled; it cannot run again");
        }
        plan = recordedPlan(claim);
        if (status.status() != WorkflowStatus.SUCCESSFUL) {
          checkResources(plan);
        }
      }
      Queued run = new Queued(workflowId, plan, fresh, claim, new CompletableFuture<>());
      boolean now;
      synchronized (this) {
        now = running < maxRunning;
        if (now) {
          running++;
        } else if (queue.size() < maxPending) {
          queue.add(run);
          queued.put(workflowId, run);
        } else {
          throw queueFull(workflowId);
        }
      }
      if (fresh) {
        claim.writeDag(DagCodec.encode(plan));
      }
      WorkflowStatus recorded = now ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING;
      if (fresh) {
        claim.writeStatus(
            new CheckpointStore.StatusRecord(recorded, null, System.currentTimeMillis(), 0));
      } else if (status.status() != WorkflowStatus.SUCCESSFUL) {
        claim.writeStatus(status.next(recorded, null, 0));
      }
      if (now) {
        return launch(run);
      }
      return run.result();
    } catch (RuntimeException | Error e) {
      claim.close();
      throw e;
    }
  }

  /** A workflow admitted but not started: its DAG is recorded and its claim held. */
  private record Queued(
      String workflowId,
      Plan plan,
      boolean fresh,
      CheckpointStore.Claim claim,
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
    Execution execution;
    try {
      run.claim().expectRecords(run.plan().taskCount());
      CheckpointStore.StatusRecord status = run.claim().readStatus();
      if (status.status() == WorkflowStatus.PENDING) {
        run.claim().writeStatus(status.next(WorkflowStatus.RUNNING, null, 0));
      }
      execution =
          new Execution(workflowId, run.plan(), run.claim(), services, () -> ended(workflowId));
      active.put(workflowId, execution);
      execution.start(run.fresh());
    } catch (RuntimeException | Error e) {
      if (active.remove(workflowId) != null) {
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

  /** A run ended: its slot goes to the oldest pending workflow. */
  private void ended(String workflowId) {
    active.remove(workflowId);
    release();
  }

  private void release() {
    Queued next;
    synchronized (this) {
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
        awaitQuietly(execution.result());
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
        sleep();
        continue;
      }
      CheckpointStore.Claim claim;
      try {
        claim = store.claim(workflowId, false);
      } catch (WorkflowStillActiveException startedMeanwhile) {
        sleep();
        continue;
      }
      if (claim == null) {
        throw notFound(workflowId);
      }
      try {
        markCanceled(claim);
      } finally {
        claim.close();
      }
      return;
    }
  }

  private static void markCanceled(CheckpointStore.Claim claim) {
    CheckpointStore.StatusRecord status = claim.readStatus();
    claim.writeStatus(status.next(WorkflowStatus.CANCELED, null, System.currentTimeMillis()));
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
    for (String id : store.workflowIds()) {
      WorkflowStatus status;
      try {
        status = status(id);
      } catch (WorkflowNotFoundException deletedMeanwhile) {
        continue;
      }
      if (status == WorkflowStatus.RESUMABLE) {
        CheckpointStore.StatusRecord recorded = store.readStatus(id);
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

  private static Plan recordedPlan(CheckpointStore.Claim claim) {
    java.nio.file.Path file = claim.directory().resolve(ChronicleCheckpointStore.DAG_FILE);
    byte[] dag = claim.readDag();
    if (dag == null) {
      throw new CheckpointCorruptedException(file, "is missing", null);
    }
    return DagCodec.decode(dag, file);
  }

  /**
   * The status, with RUNNING or PENDING turned into RESUMABLE when no process holds the workflow.
   */
  public WorkflowStatus status(String workflowId) {
    WorkflowIds.check(workflowId);
    if (active.containsKey(workflowId)) {
      return WorkflowStatus.RUNNING;
    }
    if (queued.containsKey(workflowId)) {
      return WorkflowStatus.PENDING;
    }
    CheckpointStore.StatusRecord record = store.readStatus(workflowId);
    if (record == null) {
      throw notFound(workflowId);
    }
    if ((record.status() == WorkflowStatus.RUNNING || record.status() == WorkflowStatus.PENDING)
        && !store.isClaimed(workflowId)) {
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
    WorkflowIds.check(workflowId);
    while (true) {
      Execution execution = active.get(workflowId);
      if (execution != null) {
        return join(execution.result());
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
        case RESUMABLE ->
            throw new WorkflowException(
                "workflow '"
                    + workflowId
                    + "' was interrupted before it finished; resume it to get its output");
        default -> {}
      }
      Object out = withClaim(workflowId, claim -> readOutput(claim, workflowId, null));
      if (out != BUSY) {
        return out;
      }
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
        if (!execution.result().isDone()) {
          try {
            long key = execution.names().keyOf(taskId);
            if (key >= 0 && Records.hasValue(execution.claim(), key)) {
              return Records.value(execution.claim(), key);
            }
          } catch (RuntimeException e) {
            if (!execution.result().isDone()) {
              throw e;
            } // it ended meanwhile and closed its claim: read it again below
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
      CheckpointStore.StatusRecord record = execution.claim().readStatus();
      return new WorkflowMetadata(
          workflowId,
          WorkflowStatus.RUNNING,
          execution.plan().metadata,
          instant(record.startMillis()),
          null);
    }
    WorkflowStatus status = status(workflowId);
    CheckpointStore.StatusRecord record = store.readStatus(workflowId);
    Object metadata = awaitClaim(workflowId, claim -> recordedPlan(claim).metadata);
    @SuppressWarnings("unchecked")
    Map<String, String> map = (Map<String, String>) metadata;
    return new WorkflowMetadata(
        workflowId, status, map, instant(record.startMillis()), instant(record.endMillis()));
  }

  /** A task's step, metadata and times (null times until its output is stored). */
  public TaskMetadata metadata(String workflowId, String taskId) {
    WorkflowIds.check(workflowId);
    Execution execution = active.get(workflowId);
    if (execution != null) {
      return taskMetadata(execution.claim(), execution.plan(), workflowId, taskId);
    }
    status(workflowId);
    return (TaskMetadata)
        awaitClaim(
            workflowId, claim -> taskMetadata(claim, recordedPlan(claim), workflowId, taskId));
  }

  private static TaskMetadata taskMetadata(
      CheckpointStore.Claim claim, Plan root, String workflowId, String taskId) {
    long key = taskKey(new TaskNames(claim, root), workflowId, taskId);
    TaskLocator.Located located = TaskLocator.locate(claim, root, key);
    CheckpointStore.Payload times = claim.read(TaskKeys.store(TaskKeys.OUTPUT, key));
    if (times == null) {
      times = claim.read(TaskKeys.store(TaskKeys.CONTINUATION, key));
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

  private static final Object BUSY = new Object();

  /** Reads under a short claim; {@link #BUSY} when another process holds the workflow now. */
  private Object withClaim(
      String workflowId, java.util.function.Function<CheckpointStore.Claim, Object> read) {
    CheckpointStore.Claim claim;
    try {
      claim = store.claim(workflowId, false);
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

  private Object awaitClaim(
      String workflowId, java.util.function.Function<CheckpointStore.Claim, Object> read) {
    while (true) {
      Object out = withClaim(workflowId, read);
      if (out != BUSY) {
        return out;
      }
    }
  }

  private static Object readOutput(CheckpointStore.Claim claim, String workflowId, String taskId) {
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

  /** Leaves an event for a workflow's mailbox; see {@code Waymark.sendEvent}. */
  public void sendEvent(String workflowId, String key, Object payload) {
    WorkflowIds.check(workflowId);
    WorkflowIds.check(key);
    store.postEvent(workflowId, key, CheckpointTypes.serialize(payload));
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
    timer.shutdownNow();
    stateWriter.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
