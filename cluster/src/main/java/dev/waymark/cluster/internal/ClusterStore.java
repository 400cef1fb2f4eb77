package dev.waymark.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import dev.waymark.ClusterOptions;
import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.StorageException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.internal.storage.ClusteredStorage;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * A member's storage in a cluster: the records every member sees live in the cluster's maps, with
 * backups on other members; this member's own storage keeps a copy of what it drives. A driver
 * writes the cluster first (fenced by its epoch, {@link FencedWrite}), then its own storage, and
 * reads from its own storage. A claim is a {@link Takeover}; the records a member lacks (another
 * member drove the workflow before) are copied into its storage when it claims. Each member also
 * keeps on disk the records it holds as owner or backup ({@link Mirror}), from which a cluster that
 * stopped whole is restored ({@link Restoration}) before it claims or reads anything.
 */
public final class ClusterStore implements ClusteredStorage {
  private static final String CONTEXT = "waymark-store";
  private static final long AWAIT_POLL_MILLIS = 20;

  private final Storage local;
  private final int quorum;
  private final boolean observer;
  private final boolean spreads;
  private final HazelcastInstance member;
  private final String me;
  private final IMap<String, WorkflowEntry> workflows;
  private final IMap<String, Boolean> cancels;
  private final SharedShapes shapes;
  private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();
  private final Set<String> diverged = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> unreleased = new ConcurrentHashMap<>();
  private final Forwards forwards;
  private final StepLoans loans;
  private final Mirror mirror;
  private final Restoration restoration;
  private final CompletableFuture<Driver> driver = new CompletableFuture<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "waymark-cluster");
            thread.setDaemon(true);
            return thread;
          });

  private ClusterStore(
      Storage local, HazelcastInstance member, ClusterOptions options, Mirror mirror) {
    this.local = local;
    this.quorum = options.quorum();
    this.observer = options.observer();
    this.spreads = options.spreadSteps();
    this.mirror = mirror;
    this.member = member;
    this.me = member.getCluster().getLocalMember().getUuid().toString();
    this.workflows = member.getMap(Members.WORKFLOWS);
    this.cancels = member.getMap(Members.CANCELS);
    this.shapes = new SharedShapes(local.shapes(), member.getMap(Members.SHAPES));
    this.forwards = new Forwards(member, workflows);
    this.loans = new StepLoans(member, driver);
    cancels.addEntryListener(
        (EntryAddedListener<String, Boolean>) added -> cancelRequested.add(added.getKey()), false);
    timer.scheduleWithFixedDelay(
        forwards::pollEnded, AWAIT_POLL_MILLIS, AWAIT_POLL_MILLIS, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::releaseAgain, 500, 500, TimeUnit.MILLISECONDS);
    int named = options.members().size();
    int enough = Math.max(quorum, named - options.backups());
    this.restoration = new Restoration(member, workflows, observer ? null : mirror, named, enough);
    Takeovers.watch(member, workflows, driver, this::alive, restoration::isReady, timer);
    restoration.start();
  }

  /** Starts this JVM's member of the cluster of {@code options}, over its own storage. */
  public static ClusterStore join(ClusterOptions options, Storage local) {
    CompletableFuture<ClusterStore> self = new CompletableFuture<>();
    Mirror mirror = Mirror.open(local.root().resolve("cluster-records"));
    HazelcastInstance member;
    try {
      member = Members.start(options, Map.of(CONTEXT, self, Mirror.CONTEXT, mirror));
    } catch (RuntimeException | Error e) {
      mirror.close();
      throw e;
    }
    try {
      ClusterStore store = new ClusterStore(local, member, options, mirror);
      self.complete(store);
      return store;
    } catch (RuntimeException | Error e) {
      member.getLifecycleService().terminate();
      mirror.close();
      throw e;
    }
  }

  /** The store of the member {@code member}, once it has one. */
  @SuppressWarnings("unchecked")
  static ClusterStore of(HazelcastInstance member) throws Exception {
    return ((CompletableFuture<ClusterStore>) member.getUserContext().get(CONTEXT))
        .get(30, TimeUnit.SECONDS);
  }

  /** This member's id in the cluster. */
  String me() {
    return me;
  }

  // ---- driving

  @Override
  public boolean drivesHere(String workflowId) {
    if (observer) {
      return false;
    }
    Member owner = member.getPartitionService().getPartition(workflowId).getOwner();
    return owner == null || owner.localMember();
  }

  @Override
  public boolean safe() {
    return member.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).count()
            >= quorum
        && restoration.isReady()
        && member.getPartitionService().isClusterSafe();
  }

  @Override
  public List<String> members() {
    return member.getCluster().getMembers().stream()
        .map(m -> m.getAddress().getHost() + ":" + m.getAddress().getPort())
        .toList();
  }

  @Override
  public void serve(Driver driver) {
    this.driver.complete(driver);
  }

  /** Admits a run sent to this member ({@link Forward}). */
  void admit(String workflowId, byte[] dag) throws InterruptedException, TimeoutException {
    runtime().start(workflowId, dag);
  }

  /** This member's runtime, once it serves the cluster. */
  private Driver runtime() throws InterruptedException, TimeoutException {
    try {
      return driver.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public boolean spreadsSteps() {
    return spreads;
  }

  @Override
  public CompletableFuture<byte[]> lend(java.util.function.Supplier<byte[]> call) {
    return loans.lend(call);
  }

  /** The steps this member lends others, and those they lend it ({@link Lend}). */
  StepLoans loans() {
    return loans;
  }

  @Override
  public CompletableFuture<Void> forward(String workflowId, byte[] dag) {
    restoration.await();
    return forwards.forward(workflowId, dag);
  }

  /** The ids of the members alive now. */
  Set<String> alive() {
    return member.getCluster().getMembers().stream()
        .map(m -> m.getUuid().toString())
        .collect(Collectors.toSet());
  }

  // ---- claims

  @Override
  public WorkflowStore claim(String workflowId, boolean create) {
    restoration.await();
    Takeover takeover =
        new Takeover(
            me, UUID.randomUUID().toString(), alive(), create, diverged.contains(workflowId));
    Takeover.Claimed claimed =
        Calls.retrying(workflowId, () -> workflows.executeOnKey(workflowId, takeover));
    if (claimed.holder() != null) {
      throw new WorkflowStillActiveException(
          "workflow '"
              + workflowId
              + "' is driven by another member of the cluster ("
              + claimed.holder()
              + ")");
    }
    if (claimed.epoch() == 0) {
      return null;
    }
    WorkflowStore mine = null;
    try {
      mine = local.claim(workflowId, true);
      if (!claimed.current() && (claimed.copy() != null || mine.status().read() != null)) {
        mine = Copies.update(local, mine, claimed.copy()); // it may lack what others wrote
      }
      diverged.remove(workflowId);
    } catch (RuntimeException | Error e) {
      if (mine != null) {
        mine.close();
      }
      release(workflowId, claimed.epoch());
      throw e;
    }
    if (cancels.containsKey(workflowId)) {
      cancelRequested.add(workflowId);
    }
    return new ClusterClaim(this, mine, claimed.epoch());
  }

  /** Writes a driver's change into the cluster's record; the claim's run stops if refused. */
  void write(String workflowId, FencedWrite change) {
    Boolean applied;
    try {
      applied = Calls.retrying(workflowId, () -> workflows.executeOnKey(workflowId, change));
    } catch (RuntimeException e) {
      diverged.add(workflowId);
      throw e;
    }
    if (!Boolean.TRUE.equals(applied)) {
      diverged.add(workflowId);
      throw new StorageException(
          "workflow '"
              + workflowId
              + "' was taken over by another member of the cluster; this member's run of it"
              + " stops",
          null);
    }
  }

  /**
   * Lets go of a claim in the cluster. If the cluster cannot take it now (below its quorum), it is
   * tried again every 500 ms: a live member that holds a workflow it no longer runs would keep
   * every other member from taking it over.
   */
  void release(String workflowId, long epoch) {
    try {
      workflows.executeOnKey(workflowId, FencedWrite.release(epoch));
      unreleased.remove(workflowId, epoch);
    } catch (RuntimeException e) {
      unreleased.put(workflowId, epoch);
    }
  }

  private void releaseAgain() {
    unreleased.forEach(this::release);
  }

  /** What a run of this member failed to write to the cluster: copied afresh at its next claim. */
  void diverged(String workflowId) {
    diverged.add(workflowId);
  }

  byte[] readPart(String workflowId, Read part) {
    restoration.await();
    return Calls.retrying(workflowId, () -> workflows.executeOnKey(workflowId, part));
  }

  @Override
  public WorkflowStore view(String workflowId) {
    restoration.await();
    WorkflowEntry entry = Calls.retrying(workflowId, () -> workflows.get(workflowId));
    return entry == null || entry.dag == null ? null : new EntryStore(workflowId, entry, this);
  }

  // ---- what any member may do

  @Override
  public boolean isClaimed(String workflowId) {
    StatusRecord status = readStatus(workflowId);
    if (status != null
        && (status.status() == WorkflowStatus.RUNNING
            || status.status() == WorkflowStatus.PENDING)) {
      return true; // driven, or to be taken over by the member that owns it
    }
    String holder = driverOf(workflowId);
    return holder != null && alive().contains(holder);
  }

  @Override
  public boolean ownedElsewhere(String workflowId) {
    String holder = driverOf(workflowId);
    return holder != null && !holder.equals(me) && alive().contains(holder);
  }

  private String driverOf(String workflowId) {
    byte[] driver = readPart(workflowId, Read.driver());
    return driver == null ? null : new String(driver, StandardCharsets.UTF_8);
  }

  @Override
  public StatusRecord readStatus(String workflowId) {
    byte[] status = readPart(workflowId, Read.status());
    return status == null ? null : StatusRecord.decode(status);
  }

  @Override
  public Payload readDag(String workflowId) {
    byte[] dag = readPart(workflowId, Read.dag());
    return dag == null ? null : new Payload(dag, 0, dag.length, 0, 0, place(workflowId));
  }

  /** Where a workflow's records are, for messages. */
  Path place(String workflowId) {
    return local.root().resolve("cluster").resolve(workflowId);
  }

  @Override
  public List<String> workflowIds() {
    return statuses().stream().map(Listed::id).toList();
  }

  @Override
  public List<Listed> statuses() {
    restoration.await();
    List<Listed> all = new ArrayList<>();
    for (Listing.Listed listed : Calls.retrying("*", () -> workflows.project(new Listing()))) {
      if (listed.status() != null) {
        all.add(new Listed(listed.id(), StatusRecord.decode(listed.status()).status()));
      }
    }
    all.sort(Comparator.comparing(Listed::id));
    return all;
  }

  @Override
  public void postEvent(String workflowId, String key, byte[] payload) {
    restoration.await();
    Calls.retrying(
        workflowId, () -> workflows.executeOnKey(workflowId, new PostEvent(key, payload)));
  }

  @Override
  public String readEventExpectation(String workflowId, String key) {
    byte[] type = readPart(workflowId, Read.expectation(key));
    return type == null ? null : new String(type, StandardCharsets.UTF_8);
  }

  @Override
  public void requestCancel(String workflowId) {
    restoration.await();
    Calls.retrying(workflowId, () -> cancels.put(workflowId, Boolean.TRUE));
  }

  @Override
  public boolean takeCancelRequest(String workflowId) {
    if (!cancelRequested.remove(workflowId)) {
      return false;
    }
    Calls.retrying(workflowId, () -> cancels.remove(workflowId));
    return true;
  }

  @Override
  public Path root() {
    return local.root();
  }

  @Override
  public Durability durability() {
    return local.durability();
  }

  @Override
  public void useClock(LongSupplier millis) {
    local.useClock(millis);
  }

  @Override
  public Shapes shapes() {
    return shapes;
  }

  @Override
  public void abandon() {
    timer.shutdownNow();
    member.getLifecycleService().terminate();
    mirror.close();
    local.abandon();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    forwards.stop();
    try {
      member.shutdown();
    } finally {
      mirror.close();
      local.close();
    }
  }
}
