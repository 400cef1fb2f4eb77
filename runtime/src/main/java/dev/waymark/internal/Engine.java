package dev.waymark.internal;

import dev.waymark.Durability;
import dev.waymark.exceptions.WorkflowException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.internal.storage.ClusteredStorage;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runtime of one storage, put together: the step pool and timers, {@link Admission} (runs and
 * resumes), {@link Cancellation}, {@link Recovery} and the {@link WorkflowQueries}. The public
 * {@code Waymark} class is a typed front for these.
 */
public final class Engine implements AutoCloseable {
  private static final long CANCEL_POLL_MILLIS = 100;

  /** How many steps a member may have lent to others at once, per step slot of its own. */
  private static final int LENT_PER_SLOT = 4;

  private final Storage store;
  private final ExecutorService pool;
  private final ScheduledExecutorService timer;
  private final ExecutorService stateWriter;
  private final Services services;
  private final Map<String, Execution> active = new ConcurrentHashMap<>();
  private final Admission admission;
  private final Cancellation cancellation;
  private final WorkflowQueries queries;
  private final java.time.Duration stopGrace;
  private final Retention retention;
  private final ProcessDeath death = new ProcessDeath(this::die);

  /** Set once {@link #close} began: steps other members lend this one are refused. */
  private volatile boolean closing;

  /** Runs the workflows of {@code store} as {@code settings} say. */
  public Engine(Storage store, EngineSettings settings) {
    this.store = store;
    store.useClock(settings.clock()::millis);
    this.stopGrace = settings.stopGrace();
    // On a cluster, a chain that finds every slot taken goes on without one, its step lent to
    // another member or waiting for a slot here: the pool has threads for those chains besides
    // the ones that run steps here.
    ClusteredStorage spreading =
        store instanceof ClusteredStorage cluster && cluster.spreadsSteps() ? cluster : null;
    int chains = chains(settings.parallelism(), spreading != null);
    int lendLimit = chains - settings.parallelism();
    this.pool =
        Executors.newFixedThreadPool(
            chains, StepThreads.factory("waymark-", settings.virtualThreads()));
    StepPool steps = new StepPool(pool, settings.parallelism(), chains);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(StepThreads.factory("waymark-timer-", false));
    this.stateWriter =
        Executors.newSingleThreadExecutor(StepThreads.factory("waymark-state-", false));
    this.services =
        new Services(
            steps,
            timer,
            new ResourcePool(settings.capacity()),
            stateWriter,
            settings.listeners(),
            store.durability() == Durability.POWER_LOSS ? new GroupCommit() : null,
            settings.clock(),
            Observers.of(settings.runListeners()),
            hooks(store),
            death,
            spreading == null ? null : new StepLending(spreading, steps, lendLimit));
    this.admission =
        new Admission(store, services, active, settings.maxRunning(), settings.maxPending());
    this.queries = new WorkflowQueries(store, active, admission::isPending, timer);
    this.cancellation = new Cancellation(store, active, admission, queries, services);
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            cancellation.poll();
          } catch (RuntimeException e) {
            // a storage hiccup: the next poll tries again
          }
        },
        CANCEL_POLL_MILLIS,
        CANCEL_POLL_MILLIS,
        TimeUnit.MILLISECONDS);
    this.retention = Retention.every(settings.retention(), store, this::delete, settings.clock());
    if (store instanceof ClusteredStorage cluster) {
      cluster.serve(new Member(settings.parallelism()));
    }
  }

  /**
   * How many chains of steps may be under way at once: {@code parallelism}, and those whose step
   * was lent to another member besides when this one {@code spreads} steps over its cluster. Each
   * notes its attempt in an in-flight slot.
   */
  public static int chains(int parallelism, boolean spreads) {
    return spreads ? parallelism * (1 + LENT_PER_SLOT) : parallelism;
  }

  /** What this runtime does for the other members of its cluster. */
  private final class Member implements ClusteredStorage.Driver {
    private final int parallelism;

    Member(int parallelism) {
      this.parallelism = parallelism;
    }

    @Override
    public void start(String workflowId, byte[] dag) {
      admission.start(
          workflowId, dag == null ? null : DagCodec.decode(dag, null), dag != null, false);
    }

    @Override
    public byte[] runLent(byte[] call) {
      return closing
          ? new byte[] {ClusteredStorage.BUSY}
          : StepLending.runLent(call, services.pool());
    }

    @Override
    public int parallelism() {
      return parallelism;
    }
  }

  public Storage store() {
    return store;
  }

  /** Statuses, outputs and metadata. */
  public WorkflowQueries queries() {
    return queries;
  }

  /**
   * Runs {@code root} as {@code workflowId}: new ids record the DAG, known ones continue. With
   * {@code here} (the caller waits for the result) the calling thread runs the first chain of
   * steps, when a step slot is free, before this returns.
   */
  public CompletableFuture<Object> run(
      Node<?> root, String workflowId, Map<String, String> metadata, boolean here) {
    Plan plan = Plan.of(root, metadata);
    services.resources().checkFits(plan);
    WorkflowIds.check(workflowId);
    if (elsewhere(workflowId)) {
      return forward(workflowId, plan.dag());
    }
    return admission.start(workflowId, plan, true, here);
  }

  /** Continues a stored workflow from its recorded DAG; {@code here} as for {@link #run}. */
  public CompletableFuture<Object> resume(String workflowId, boolean here) {
    WorkflowIds.check(workflowId);
    if (elsewhere(workflowId)) {
      return forward(workflowId, null);
    }
    return admission.start(workflowId, null, false, here);
  }

  /** Whether another member of this runtime's cluster is the one to drive {@code workflowId}. */
  private boolean elsewhere(String workflowId) {
    return store instanceof ClusteredStorage cluster && !cluster.drivesHere(workflowId);
  }

  /**
   * Has the member of the cluster that drives {@code workflowId} run it ({@code dag}, or resume it
   * when null); the result is read from the cluster once it has ended.
   */
  private CompletableFuture<Object> forward(String workflowId, byte[] dag) {
    return ((ClusteredStorage) store)
        .forward(workflowId, dag)
        .thenApplyAsync(ended -> queries.output(workflowId), pool);
  }

  /**
   * Checks, running nothing, that this JVM's code can continue {@code workflowId} from what it
   * stored, as a resume would check it before running anything; the hooks of a test kit see nothing
   * of it.
   *
   * @throws dev.waymark.exceptions.WorkflowNotResumableException naming what changed
   */
  public void check(String workflowId) {
    WorkflowStore claim = store.claim(workflowId, false);
    if (claim == null) {
      throw WorkflowQueries.notFound(workflowId);
    }
    try {
      Plan plan = WorkflowQueries.recordedPlan(claim);
      Services unhooked =
          new Services(
              services.pool(),
              timer,
              services.resources(),
              stateWriter,
              services.listeners(),
              services.commits(),
              services.clock(),
              null,
              null,
              death,
              null);
      Execution dry =
          new Execution(workflowId, plan, claim, unhooked, () -> {}, new CompletableFuture<>());
      Needs.walk(new Frame(dry, plan), false);
    } finally {
      claim.close();
    }
  }

  /** See {@link Cancellation#cancel}. */
  public void cancel(String workflowId) {
    cancellation.cancel(workflowId);
  }

  /** See {@link Recovery#resumeAll}. */
  public Map<String, CompletableFuture<Object>> resumeAll(boolean includeFailed) {
    return Recovery.resumeAll(queries, store, id -> resume(id, false), includeFailed);
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
    if (active.containsKey(workflowId) || admission.isPending(workflowId)) {
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

  /**
   * Deletes every finished workflow (SUCCESSFUL, FAILED, CANCELED) that ended more than {@code
   * olderThan} ago; returns how many.
   */
  public int deleteFinished(java.time.Duration olderThan) {
    return Retention.sweep(
        store, this::delete, services.clock().millis() - olderThan.toMillis(), () -> false);
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
    closing = true;
    if (death.isDead()) {
      death.awaitDeath();
      return;
    }
    if (retention != null) {
      retention.close();
    }
    admission.close();
    List<Execution> runs = List.copyOf(active.values());
    runs.forEach(Execution::beginStop);
    long deadline = System.nanoTime() + stopGrace.toNanos();
    // The steps other members lent this one finish too: their drivers wait for them.
    while ((runs.stream().anyMatch(Execution::hasRunningSteps) || services.pool().lentHere() > 0)
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    runs.forEach(Execution::finishStop);
    stopThreads();
    store.close();
  }

  /**
   * The rest of a death by {@link SimulatedCrash}, once no thread enters a run's storage any more:
   * the runs stop, writing nothing; the threads stop; and the storage lets go of its locks without
   * closing anything cleanly, so the next runtime on it recovers what this one left.
   */
  private void die() {
    if (retention != null) {
      retention.close();
    }
    admission.close();
    List.copyOf(active.values()).forEach(Execution::crash);
    stopThreads();
    store.abandon();
  }

  /**
   * The test kit's hooks for {@code store}, else a crash point the JVM was started with, or null.
   */
  private static RunHooks hooks(Storage store) {
    RunHooks installed = RunHooks.installed(store.root());
    return installed != null ? installed : CrashPointHooks.fromProperty();
  }

  private void stopThreads() {
    timer.shutdownNow();
    pool.shutdownNow();
    stateWriter.shutdownNow();
    if (services.commits() != null) {
      services.commits().close();
    }
  }

  /** The default capacity: every core as a CPU, no GPU. */
  public static Map<String, Double> defaultCapacity() {
    Map<String, Double> capacity = new LinkedHashMap<>();
    capacity.put(ResourcePool.CPU, (double) Runtime.getRuntime().availableProcessors());
    capacity.put(ResourcePool.GPU, 0.0);
    return capacity;
  }
}
