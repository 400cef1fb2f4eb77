package dev.waymark;

import dev.waymark.exceptions.StorageException;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowException;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.exceptions.WorkflowNotFoundException;
import dev.waymark.exceptions.WorkflowNotResumableException;
import dev.waymark.exceptions.WorkflowQueueFullException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.internal.Engine;
import dev.waymark.internal.EngineSettings;
import dev.waymark.internal.Node;
import dev.waymark.internal.StatusPage;
import dev.waymark.internal.StepThreads;
import dev.waymark.internal.WorkflowClock;
import dev.waymark.internal.WorkflowIds;
import dev.waymark.internal.WorkflowQueries;
import dev.waymark.internal.storage.ChronicleStorage;
import dev.waymark.internal.storage.ClusteredStorage;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime: runs workflows and manages the ones stored in its directory. Most programs use the
 * {@link #shared()} instance through {@link Workflow#run()}; open another with {@link #open(Path)}
 * or {@link #builder()}.
 *
 * <pre>{@code
 * try (Waymark waymark = Waymark.open(Path.of("state"))) {
 *   int sum = waymark.run(PipelineSteps.aggregate(PipelineSteps.readData(10)), "daily-report");
 * }
 * }</pre>
 */
public final class Waymark implements AutoCloseable {
  /** System property naming the storage directory of {@link #shared()}. */
  public static final String STORAGE_PROPERTY = "waymark.storage";

  static {
    // Before any Chronicle class loads: no usage analytics, no banners.
    System.setProperty("chronicle.analytics.disable", "true");
    System.setProperty("chronicle.announcer.disable", "true");
  }

  private static Waymark shared;

  private final Engine engine;
  private final WorkflowQueries queries;
  private final StatusPage page;

  private Waymark(Builder builder) {
    boolean virtual = builder.virtualThreads;
    int parallelism =
        builder.parallelism > 0
            ? builder.parallelism
            : virtual ? VIRTUAL_PARALLELISM : Runtime.getRuntime().availableProcessors();
    this.engine =
        new Engine(
            storage(builder, parallelism),
            new EngineSettings(
                parallelism,
                virtual,
                builder.capacity,
                builder.maxRunning,
                builder.maxPending,
                builder.listeners,
                builder.stopGrace,
                builder.retention,
                WorkflowClock.of(builder.clock),
                builder.runListeners));
    this.queries = engine.queries();
    this.page =
        builder.pagePort < 0 ? null : StatusPage.start(this, builder.pagePort, builder.pageChanges);
  }

  /** The builder's storage: its directory, and the cluster over it when the builder names one. */
  private static Storage storage(Builder builder, int parallelism) {
    Storage local =
        Storages.open(
            builder.storage,
            Engine.chains(parallelism, builder.cluster != null && builder.cluster.spreadSteps()),
            builder.durability,
            builder.reserve);
    if (builder.cluster == null) {
      return local;
    }
    try {
      return ClusteredStorage.join(builder.cluster, local);
    } catch (RuntimeException | Error e) {
      local.close();
      throw e;
    }
  }

  /** How many steps run at once by default on virtual threads. */
  private static final int VIRTUAL_PARALLELISM = 256;

  /** Opens the storage in {@code storage} (created if missing) with default settings. */
  public static Waymark open(Path storage) {
    return builder().storage(storage).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The runtime used by {@link Workflow#run()}: storage in the directory named by the system
   * property {@value #STORAGE_PROPERTY}, else {@code ~/.waymark/storage}. Closed at JVM exit.
   */
  public static synchronized Waymark shared() {
    if (shared == null) {
      Waymark waymark = builder().build();
      Runtime.getRuntime().addShutdownHook(new Thread(waymark::close, "waymark-shutdown"));
      shared = waymark;
    }
    return shared;
  }

  /** The default storage directory: {@value #STORAGE_PROPERTY} or {@code ~/.waymark/storage}. */
  public static Path defaultStorage() {
    String configured = System.getProperty(STORAGE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".waymark", "storage");
  }

  /**
   * Whether this runtime's cluster has a quorum of members and every record has all its backups
   * now; always true for a runtime that is not a member of a cluster. A member stopped while this
   * is false may take the only copy of some records with it: in a rolling restart, wait for it
   * before stopping the next.
   */
  public boolean clusterSafe() {
    return !(engine.store() instanceof ClusteredStorage cluster) || cluster.safe();
  }

  /**
   * The addresses ({@code host:port}) of the members of this runtime's cluster now, this one
   * included; empty for a runtime that is not a member of a cluster.
   */
  public List<String> clusterMembers() {
    return engine.store() instanceof ClusteredStorage cluster ? cluster.members() : List.of();
  }

  /** The storage directory. */
  public Path storage() {
    return engine.store().root();
  }

  /** Runs {@code workflow} under a generated id and returns its result. */
  public <T> T run(Workflow<T> workflow) {
    Objects.requireNonNull(workflow, "workflow");
    return run(workflow, WorkflowIds.generate(Node.of(workflow).name()));
  }

  /**
   * Runs {@code workflow} as {@code workflowId}. The DAG is recorded before the first step runs. A
   * finished id returns its stored result without executing anything; an interrupted or failed one
   * continues from its recorded DAG and stored outputs.
   *
   * @throws WorkflowExecutionException when a step throws (its exception is the cause)
   * @throws WorkflowStillActiveException when the id runs in this or another process
   */
  public <T> T run(Workflow<T> workflow, String workflowId) {
    return run(workflow, workflowId, Map.of());
  }

  /** Starts {@code workflow} under a generated id. */
  public <T> CompletableFuture<T> runAsync(Workflow<T> workflow) {
    Objects.requireNonNull(workflow, "workflow");
    return runAsync(workflow, WorkflowIds.generate(Node.of(workflow).name()));
  }

  /** Starts {@code workflow} as {@code workflowId}; see {@link #run(Workflow, String)}. */
  public <T> CompletableFuture<T> runAsync(Workflow<T> workflow, String workflowId) {
    return runAsync(workflow, workflowId, Map.of());
  }

  /**
   * Runs {@code workflow} as {@code workflowId} with user {@code metadata}, recorded with the
   * workflow and returned by {@link #getMetadata(String)}.
   */
  public <T> T run(Workflow<T> workflow, String workflowId, Map<String, String> metadata) {
    return join(begin(workflow, workflowId, metadata, true));
  }

  /**
   * Like {@link #run(Workflow, String, Map)}, without blocking the caller. What {@code run} would
   * throw (the id runs already, the queue is full, another workflow is recorded under the id, ...)
   * fails the future instead; only invalid arguments throw at once.
   */
  public <T> CompletableFuture<T> runAsync(
      Workflow<T> workflow, String workflowId, Map<String, String> metadata) {
    return begin(workflow, workflowId, metadata, false);
  }

  /**
   * Starts a run; with {@code here} (the caller waits for it) the calling thread runs the steps of
   * its first chain, as a call of those methods would.
   */
  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> begin(
      Workflow<T> workflow, String workflowId, Map<String, String> metadata, boolean here) {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(metadata, "metadata");
    Node<?> root = Node.of(workflow);
    WorkflowIds.check(workflowId);
    try {
      return (CompletableFuture<T>) engine.run(root, workflowId, metadata, here);
    } catch (WorkflowException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Starts {@code workflow} as {@code workflowId}, like {@link #runAsync(Workflow, String)}, and
   * returns its handle, typed by the workflow: its status, result, outputs, cancel, delete.
   */
  public <T> WorkflowHandle<T> start(Workflow<T> workflow, String workflowId) {
    return new WorkflowHandle<>(this, workflowId, null, runAsync(workflow, workflowId));
  }

  /** Starts {@code workflow} under a generated id and returns its handle. */
  public <T> WorkflowHandle<T> start(Workflow<T> workflow) {
    Objects.requireNonNull(workflow, "workflow");
    return start(workflow, WorkflowIds.generate(Node.of(workflow).name()));
  }

  /**
   * The handle of the workflow stored under {@code workflowId}, whose result is a {@code
   * resultType} ({@code int.class} and {@code Integer.class} alike): its result and outputs are
   * checked against the types asked for, never cast blindly.
   *
   * @throws WorkflowNotFoundException when nothing is stored under the id
   */
  public <T> WorkflowHandle<T> workflow(String workflowId, Class<T> resultType) {
    Objects.requireNonNull(resultType, "resultType");
    getStatus(workflowId); // it exists
    return new WorkflowHandle<>(this, workflowId, resultType, null);
  }

  /**
   * Continues a stored workflow from its recorded DAG; a finished one returns its output.
   *
   * @throws WorkflowNotFoundException when nothing is stored under the id (nothing is created)
   * @throws WorkflowNotResumableException when it was canceled
   */
  public <T> T resume(String workflowId) {
    return join(beginResume(workflowId, true));
  }

  /**
   * Like {@link #resume}, without blocking the caller; what {@code resume} would throw fails the
   * future instead, but for an invalid id.
   */
  public <T> CompletableFuture<T> resumeAsync(String workflowId) {
    return beginResume(workflowId, false);
  }

  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> beginResume(String workflowId, boolean here) {
    WorkflowIds.check(workflowId);
    try {
      return (CompletableFuture<T>) engine.resume(workflowId, here);
    } catch (WorkflowException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The output of a workflow, waiting while it runs here or in another process. The type is the
   * caller's to state, as with {@code T result = waymark.getOutput(id)}.
   *
   * @throws WorkflowNotFoundException when nothing is stored under the id
   * @throws WorkflowExecutionException when it failed
   */
  @SuppressWarnings("unchecked")
  public <T> T getOutput(String workflowId) {
    return (T) queries.output(WorkflowIds.check(workflowId));
  }

  /**
   * The output of a workflow once it is known, without blocking the caller: no thread waits while
   * it runs here, and another process's run is polled. The future fails as {@link
   * #getOutput(String)} would throw; add a timeout with {@link CompletableFuture#orTimeout}.
   */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> getOutputAsync(String workflowId) {
    return (CompletableFuture<T>) queries.outputAsync(WorkflowIds.check(workflowId));
  }

  /**
   * The output of one task of a workflow. Task ids are step names, with {@code _1}, {@code _2}, ...
   * added for repeats in DAG order (inputs before their users).
   */
  @SuppressWarnings("unchecked")
  public <T> T getOutput(String workflowId, String taskId) {
    return (T)
        queries.output(WorkflowIds.check(workflowId), Objects.requireNonNull(taskId, "taskId"));
  }

  /**
   * The workflow's status. RUNNING means a live process executes it; a workflow whose process died
   * is RESUMABLE.
   */
  public WorkflowStatus getStatus(String workflowId) {
    return queries.status(workflowId);
  }

  /** The run's metadata (given to {@code run}) and when it started and ended. */
  public WorkflowMetadata getMetadata(String workflowId) {
    return queries.metadata(workflowId);
  }

  /** A task's step, metadata (annotation and call) and when its stored attempt ran. */
  public TaskMetadata getMetadata(String workflowId, String taskId) {
    return queries.metadata(workflowId, Objects.requireNonNull(taskId, "taskId"));
  }

  /**
   * The workflow's recorded DAG with what became of each task (committed, retrying, failed, ...),
   * to inspect or draw ({@link WorkflowGraph#toDot}, {@link WorkflowGraph#toMermaid}). Works for a
   * workflow running in another process too.
   */
  public WorkflowGraph graph(String workflowId) {
    return queries.graph(workflowId);
  }

  /** The stored workflows, optionally only those with one of the given statuses. */
  public List<WorkflowInfo> list(WorkflowStatus... statuses) {
    return queries.list(statuses);
  }

  /**
   * Sends an event to a workflow's mailbox, where a {@link Workflow#waitForEvent(String, Class)}
   * step with the same key receives it. Works from any thread or process sharing the storage, also
   * before the workflow waits for it. The payload's type must be one some step's signature allows.
   *
   * @throws WorkflowNotFoundException when nothing is stored under the id
   */
  public void sendEvent(String workflowId, String key, Object payload) {
    engine.sendEvent(workflowId, key, payload);
  }

  /**
   * Cancels a workflow, here or in another process sharing the storage: running steps are
   * interrupted, it ends CANCELED (callers waiting for it get {@link WorkflowCancelledException}),
   * its stored checkpoints stay readable, and it cannot be resumed. Returns once it stopped. A
   * finished workflow is left as it is.
   *
   * @throws WorkflowNotFoundException when nothing is stored under the id
   */
  public void cancel(String workflowId) {
    engine.cancel(workflowId);
  }

  /**
   * Checks, running nothing, that the code of this JVM can continue the workflow stored under
   * {@code workflowId} and read what it stored: the checks {@link #resume} makes before it runs
   * anything. {@code waymark-test}'s {@code ReplayCheck} runs it over every workflow of a copy of a
   * storage.
   *
   * @throws WorkflowNotResumableException naming the workflow, the step, the type and the change
   * @throws WorkflowNotFoundException when nothing is stored under the id
   * @throws WorkflowStillActiveException while it runs
   */
  public void checkCompatible(String workflowId) {
    engine.check(WorkflowIds.check(workflowId));
  }

  /**
   * Resumes every RESUMABLE workflow of the storage, those that were running before those that were
   * pending, and the FAILED ones too when {@code includeFailed}. Returns their results by id.
   */
  public Map<String, CompletableFuture<Object>> resumeAll(boolean includeFailed) {
    return engine.resumeAll(includeFailed);
  }

  /**
   * Deletes every stored byte of a workflow; its id can then be used again.
   *
   * @throws WorkflowStillActiveException while it runs
   * @throws WorkflowNotFoundException when nothing is stored under the id
   */
  public void delete(String workflowId) {
    engine.delete(workflowId);
  }

  /**
   * Deletes every finished workflow (SUCCESSFUL, FAILED, CANCELED) of the storage that ended more
   * than {@code olderThan} ago, as {@link #delete} would; returns how many it deleted. Workflows
   * that run, wait, sleep or can be resumed are never touched. See {@link
   * Builder#retention(Duration)} for doing this all the time.
   */
  public int deleteFinished(Duration olderThan) {
    if (olderThan == null || olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan must be >= 0, got " + olderThan);
    }
    return engine.deleteFinished(olderThan);
  }

  /**
   * Stops gracefully and releases the storage. No workflow starts any more; steps that are running
   * get the grace period ({@link Builder#stopGracePeriod}, 5 seconds by default) to finish, and
   * their outputs are committed; steps still running then are interrupted and whatever they do is
   * dropped. A workflow that did not finish is left RESUMABLE, never FAILED, and its callers get a
   * {@link WorkflowStoppedException}. The shared runtime closes this way at JVM exit, on SIGTERM
   * and on Ctrl-C.
   */
  @Override
  public void close() {
    if (page != null) {
      page.close();
    }
    engine.close();
  }

  /**
   * Where this runtime's status page is ({@link Builder#statusPage}), or null when it serves none.
   */
  public java.net.URI statusPage() {
    return page == null ? null : page.uri();
  }

  @SuppressWarnings("unchecked")
  static <T> T join(CompletableFuture<T> future) {
    return (T) Engine.join(future);
  }

  /** Settings of a {@link Waymark} runtime. */
  public static final class Builder {
    private Path storage = defaultStorage();
    private int parallelism;
    private boolean virtualThreads = StepThreads.virtualAvailable();
    private Duration stopGrace = EngineSettings.DEFAULT_STOP_GRACE;
    private final Map<String, Double> capacity = Engine.defaultCapacity();
    private int maxRunning = Integer.MAX_VALUE;
    private final Map<String, EventListener<?>> listeners = new java.util.HashMap<>();
    private final List<WaymarkListener> runListeners = new java.util.ArrayList<>();

    /**
     * Adds a listener that sees every run of this runtime: workflows started, resumed, finished,
     * failed, canceled or stopped, and each step started, committed, retried, failed or restored
     * (see {@link WaymarkEvent}). Listeners are called in the order they were added.
     */
    public Builder listener(WaymarkListener listener) {
      runListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Registers an event source that {@link Workflow#waitForEvent(String, String, Class)} names.
     */
    public Builder eventListener(String name, EventListener<?> listener) {
      listeners.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(listener, "listener"));
      return this;
    }

    private int maxPending = 0;

    /**
     * How many workflows run at once (default: no limit). Beyond it, workflows wait PENDING, in
     * order, up to {@link #maxPending}.
     */
    public Builder maxRunning(int maxRunning) {
      if (maxRunning < 1) {
        throw new IllegalArgumentException("maxRunning must be at least 1, got " + maxRunning);
      }
      this.maxRunning = maxRunning;
      return this;
    }

    /**
     * How many workflows may wait PENDING when {@link #maxRunning} run (default 0); beyond, a
     * submission fails with {@link WorkflowQueueFullException}.
     */
    public Builder maxPending(int maxPending) {
      if (maxPending < 0) {
        throw new IllegalArgumentException("maxPending must be 0 or more, got " + maxPending);
      }
      this.maxPending = maxPending;
      return this;
    }

    private Builder() {}

    /** CPUs steps may occupy at once (default: the number of cores). */
    public Builder cpus(double cpus) {
      return resource("cpus", cpus);
    }

    /** GPUs steps may occupy at once (default: none). */
    public Builder gpus(double gpus) {
      return resource("gpus", gpus);
    }

    /** How much of a named resource steps may occupy at once. */
    public Builder resource(String name, double amount) {
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw new IllegalArgumentException(
            "resource '" + name + "' must be a finite amount >= 0, got " + amount);
      }
      capacity.put(Objects.requireNonNull(name, "name"), amount);
      return this;
    }

    private Durability durability = Durability.PROCESS_CRASH;

    /**
     * What a committed output survives (default {@link Durability#PROCESS_CRASH}); see {@link
     * Durability} for exactly what each mode promises and costs.
     */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    private long reserve = ChronicleStorage.DEFAULT_RESERVE;

    /**
     * Free space the storage device must keep (default 64 MB): a write that would go below it fails
     * its step's commit with a {@link StorageException} that names the file, and the workflow stays
     * resumable. Memory-mapped files cannot report a full device as an error, only as a fault, so
     * Waymark stops before the device is full.
     */
    public Builder freeSpaceReserve(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("the free space reserve must be >= 0, got " + bytes);
      }
      this.reserve = bytes;
      return this;
    }

    /** The storage directory (created owner-only if missing). */
    public Builder storage(Path storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /**
     * How many steps may execute at once, in all workflows of this runtime. Default: 256 on virtual
     * threads, the number of cores on platform threads.
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Whether steps run on virtual threads (default: yes on JDK 21 and later, where they exist), so
     * that steps blocked in I/O, sleeps or locks hold no platform thread and many of them can wait
     * at once. With {@code false}, steps run on a pool of platform threads.
     *
     * @throws IllegalStateException for {@code true} on a JDK without virtual threads
     */
    public Builder virtualThreads(boolean virtualThreads) {
      if (virtualThreads && !StepThreads.virtualAvailable()) {
        throw new IllegalStateException(
            "virtual threads need JDK 21 or later; this is JDK " + Runtime.version().feature());
      }
      this.virtualThreads = virtualThreads;
      return this;
    }

    /**
     * How long {@link Waymark#close()} lets running steps finish (default 5 seconds) before it
     * interrupts them and leaves their workflows RESUMABLE. Zero interrupts them at once.
     */
    public Builder stopGracePeriod(Duration grace) {
      if (grace == null || grace.isNegative()) {
        throw new IllegalArgumentException("the stop grace period must be >= 0, got " + grace);
      }
      this.stopGrace = grace;
      return this;
    }

    private Duration retention;

    /**
     * Keeps finished workflows (SUCCESSFUL, FAILED, CANCELED) for {@code keepFinished} after they
     * end, then deletes them, so that the disk a steady stream of workflows uses stays bounded
     * (default: kept until deleted). A sweep runs on a thread of its own every half of that time
     * (between 50 ms and 10 minutes). Running an id again after its workflow was deleted runs it
     * anew.
     */
    public Builder retention(Duration keepFinished) {
      if (keepFinished == null || keepFinished.isNegative()) {
        throw new IllegalArgumentException("the retention must be >= 0, got " + keepFinished);
      }
      this.retention = keepFinished;
      return this;
    }

    private int pagePort = -1;
    private boolean pageChanges;

    /**
     * Serves this runtime's status page on {@code port} of 127.0.0.1 (0: any free port; see {@link
     * Waymark#statusPage}): the workflows by status, and a page per workflow with its DAG, task
     * times and error. It only reads; {@code allowChanges} adds cancel and resume buttons.
     */
    public Builder statusPage(int port, boolean allowChanges) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
      }
      this.pagePort = port;
      this.pageChanges = allowChanges;
      return this;
    }

    private InstantSource clock;

    /**
     * The clock this runtime reads (default: the system clock): when a durable {@link
     * Workflow#sleep} wakes, when a retry runs after its {@link RetryBackoff}, and the times it
     * stores (a workflow's start and end, a step's, what {@link #retention} compares). A test sets
     * a clock it moves forward by hand, such as the one of {@code waymark-test}; the runtime checks
     * such a clock for sleeps and retries that are due every 5 ms.
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    private ClusterOptions cluster;

    /**
     * Makes this runtime a member of a cluster (it needs the module {@code waymark-cluster}): every
     * member sees the same workflows, each driven by the member that owns its partition, and a
     * member's running workflows are taken over when it leaves. The storage directory keeps a copy
     * of what this member drives. See the README's "Running on a cluster" for what survives what.
     */
    public Builder cluster(ClusterOptions cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    public Waymark build() {
      return new Waymark(this);
    }
  }
}
