package dev.waymark.internal.storage;

import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowNotFoundException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The storage in segments: {@code root/segments/<n>/}, each a fixed set of files holding many
 * workflows ({@link Segment}), so that no file or directory is made per workflow. A process that
 * runs workflows owns a segment, and takes over the segments of processes that died (at open, or
 * when it first touches one of their workflows). A workflow lives in the segment it was created in,
 * and only that segment's owner writes it; any process reads its status, DAG and expected events
 * from the segment's log, and leaves events and cancel requests in its inbox.
 *
 * <p>A workflow id is created under an OS lock on a byte of {@code segments/ids.lock} chosen by the
 * id's hash, after reading every segment's log: no two processes create the same id. A runtime that
 * creates ids alone needs neither (see IdLocks).
 */
public final class SegmentStorage implements Storage {
  private final Path root;
  private final int slots;
  private final boolean force;
  private final FreeSpace space;
  private final ShapeFiles shapes;
  private final IdLocks idLocks;
  private final SegmentRegistry registry;
  private final SegmentMailbox mailbox;
  private final SegmentIndex index = new SegmentIndex();
  private volatile LongSupplier clock = System::currentTimeMillis;

  /**
   * This process's claims; added under this storage's monitor, removed without it when a run ends,
   * read without it by the thread that delivers requests, which never takes that monitor while it
   * holds an inbox's lock.
   */
  private final Map<String, SegmentStore> claims = new ConcurrentHashMap<>();

  private Segment writing;

  /** Whether this runtime joined those that create ids (see IdLocks); under this monitor. */
  private boolean joined;

  /** Every append to the logs of this process's segments. */
  final SegmentAppends appends = new SegmentAppends(index);

  /** What makes this runtime's ids created alone visible to all; its token in IdLocks. */
  private final Runnable publish = appends::writeCreated;

  private SegmentStorage(Path root, int slots, boolean force, long reserve) {
    this.root = root;
    this.slots = slots;
    this.force = force;
    this.space = new FreeSpace(root, reserve);
    this.shapes = new ShapeFiles(root, force);
    this.idLocks = IdLocks.of(root.resolve("segments").resolve("ids.lock"));
    this.registry = new SegmentRegistry(root.resolve("segments"), force);
    this.mailbox = new SegmentMailbox(this, index, registry.all(), force);
  }

  /** Opens (creating if needed) the storage in {@code root}, taking over dead owners' segments. */
  public static SegmentStorage open(
      Path root, int inFlightSlots, Durability durability, long freeSpaceReserve) {
    JvmFlags.check();
    ChronicleStorage.initializeChronicle();
    Path absolute = root.toAbsolutePath().normalize();
    ChronicleStorage.createPrivateDirectories(absolute.resolve("segments"));
    if (StorageFormat.of(absolute) != StorageFormat.SEGMENTS) {
      // new, or in segments before they had a format of their own, or just migrated
      StorageFormat.mark(absolute, StorageFormat.SEGMENTS, durability == Durability.POWER_LOSS);
    }
    SegmentStorage storage =
        new SegmentStorage(
            absolute, inFlightSlots, durability == Durability.POWER_LOSS, freeSpaceReserve);
    storage.refreshAll();
    return storage;
  }

  @Override
  public void useClock(LongSupplier millis) {
    clock = millis;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public Durability durability() {
    return force ? Durability.POWER_LOSS : Durability.PROCESS_CRASH;
  }

  boolean forces() {
    return force;
  }

  void checkSpace(Path file, long bytes) {
    space.check(file, bytes);
  }

  @Override
  public Shapes shapes() {
    return shapes;
  }

  // ---- claims

  @Override
  public synchronized WorkflowStore claim(String workflowId, boolean create) {
    if (claims.containsKey(workflowId)) {
      throw new WorkflowStillActiveException(
          "workflow '" + workflowId + "' is running in this process");
    }
    SegmentIndex.Workflow workflow = create ? index.get(workflowId) : find(workflowId);
    if (workflow == null) {
      if (!create) {
        return null;
      }
      workflow = create(workflowId);
    } else if (create && !workflow.segment.owned()) {
      refresh(workflow.segment);
    }
    Segment segment = workflow.segment;
    segment.borrowed = false; // held while this process lives: it runs or changes the workflow
    if (!segment.owned()) {
      if (!own(segment)) {
        throw new WorkflowStillActiveException(
            "workflow '"
                + workflowId
                + "' belongs to another process (or runtime) using "
                + root
                + ": it runs there, and is resumed there or by the next process to open the"
                + " storage after that one ends");
      }
      workflow = index.get(workflowId);
      if (workflow == null) {
        return create ? claim(workflowId, true) : null; // deleted meanwhile
      }
    }
    SegmentStore store = new SegmentStore(this, workflow, slots);
    claims.put(workflowId, store);
    return store;
  }

  @Override
  public WorkflowStore view(String workflowId) {
    SegmentIndex.Workflow workflow = find(workflowId);
    if (workflow == null) {
      return null;
    }
    Segment segment = workflow.segment;
    if (segment.owned()) {
      return claim(workflowId, false);
    }
    if (segment.hasOwner() || !borrow(segment)) {
      return new SegmentView(this, workflow);
    }
    try {
      SegmentStore store = (SegmentStore) claim(workflowId, false);
      segment.borrowed = true;
      if (store != null) {
        store.givesBack();
      }
      return store;
    } finally {
      if (!claimsIn(segment)) {
        giveBack(segment);
      }
    }
  }

  /**
   * Takes over a segment whose owner ended, to read it; false when another process owns it. A
   * segment taken to read is given back once nothing of this process uses it, so that the next
   * process to run its workflows can take it.
   */
  synchronized boolean borrow(Segment segment) {
    if (segment.owned()) {
      return true;
    }
    if (!own(segment)) {
      return false;
    }
    segment.borrowed = true;
    return true;
  }

  /** Gives back a segment taken to read, once no claim of this process is in it. */
  synchronized void giveBack(Segment segment) {
    if (segment.borrowed && segment != writing && !claimsIn(segment)) {
      segment.borrowed = false;
      segment.release();
    }
  }

  private boolean claimsIn(Segment segment) {
    for (SegmentStore store : claims.values()) {
      if (store.segment() == segment) {
        return true;
      }
    }
    return false;
  }

  /**
   * Ends a claim. Only giving a segment back takes this storage's monitor: a run that ends does not
   * wait for a claim that another thread is making meanwhile (which creates ids and writes).
   */
  void release(SegmentStore store) {
    claims.remove(store.workflowId(), store);
    if (store.givesBackItsSegment()) {
      giveBack(store.segment());
    }
  }

  /**
   * Creates {@code id} in this process's segment, unless another process has it already. Alone (see
   * IdLocks), the index knows every id and the CREATED record waits for the workflow's first
   * records, to go in their write; otherwise it is written at once, under the id's lock.
   */
  private SegmentIndex.Workflow create(String id) {
    if (!joined) {
      joined = true;
      if (idLocks.join(publish)) {
        refreshAll(); // the ids created before: none is created elsewhere from now on
      }
    }
    return idLocks.locked(
        publish,
        TaskKeys.hash(id),
        alone -> {
          if (!alone) {
            refreshAll();
          }
          SegmentIndex.Workflow existing = index.get(id);
          if (existing != null) {
            return existing;
          }
          Segment segment = writingSegment();
          long number = segment.newWorkflow();
          if (!alone) {
            appends.apply(segment, SegmentLog.CREATED, number, id.getBytes(StandardCharsets.UTF_8));
            return index.get(id);
          }
          return appends.createdAlone(segment, number, id);
        });
  }

  private synchronized Segment writingSegment() {
    if (writing != null) {
      return writing;
    }
    for (Segment segment : registry.all()) {
      if (segment.owned()) {
        segment.borrowed = false;
        return writing = segment;
      }
    }
    // A segment no process owns (its owner ended): taken over rather than a new one made, so that
    // the number of segments stays that of the processes that ran at once.
    for (Segment segment : registry.all()) {
      if (!segment.hasOwner() && own(segment)) {
        return writing = segment;
      }
    }
    while (true) {
      Segment segment = registry.make();
      if (own(segment)) {
        return writing = segment;
      }
    }
  }

  /** Takes the segment's lock if free, then rebuilds what the index knows of it from its log. */
  private synchronized boolean own(Segment segment) {
    List<SegmentLog.Entry> entries = segment.tryOwn(slots);
    if (entries == null) {
      return false;
    }
    boolean used = !entries.isEmpty();
    index.forget(segment);
    for (SegmentLog.Entry entry : entries) {
      long deleted = index.apply(segment, entry);
      if (deleted >= 0) {
        segment.dead.add(deleted);
      }
    }
    // What the dead owner ran is not running now: one record says so to every process.
    if (used) {
      appends.apply(segment, SegmentLog.ADOPTED, -1, new byte[0]);
    }
    mailbox.deliverAndWatch(segment);
    return true;
  }

  // ---- reading the index

  /** The workflow, with what its segment's log says now; null when it is not stored. */
  private SegmentIndex.Workflow find(String id) {
    SegmentIndex.Workflow workflow = index.get(id);
    if (workflow == null) {
      refreshAll();
      return index.get(id);
    }
    if (!workflow.segment.owned() && !workflow.segment.readJustNow()) {
      refresh(workflow.segment);
      return index.get(id);
    }
    return workflow;
  }

  /** Reads the new records of every segment this process does not own, new segments included. */
  private synchronized void refreshAll() {
    registry.refresh();
    for (Segment segment : registry.all()) {
      if (!segment.owned()) {
        refresh(segment);
      }
    }
  }

  private void refresh(Segment segment) {
    segment.log.readNew(
        entry -> index.apply(segment, entry), entries -> index.reload(segment, entries));
  }

  @Override
  public boolean isClaimed(String workflowId) {
    if (claims.containsKey(workflowId)) {
      return true;
    }
    SegmentIndex.Workflow workflow = index.get(workflowId);
    return workflow != null
        && !workflow.segment.owned()
        && index.since(workflow)
        && workflow.segment.hadOwnerJustNow();
  }

  /** Whether the workflow is in a segment another live process (or runtime) owns. */
  @Override
  public boolean ownedElsewhere(String workflowId) {
    SegmentIndex.Workflow workflow = find(workflowId);
    return workflow != null && !workflow.segment.owned() && workflow.segment.hasOwner();
  }

  @Override
  public StatusRecord readStatus(String workflowId) {
    SegmentIndex.Workflow workflow = find(workflowId);
    return workflow == null ? null : workflow.status();
  }

  @Override
  public Payload readDag(String workflowId) {
    SegmentIndex.Workflow workflow = find(workflowId);
    return workflow == null ? null : readDag(workflow);
  }

  Payload readDag(SegmentIndex.Workflow workflow) {
    if (!workflow.segment.owned()) {
      refresh(workflow.segment); // the offsets of the log in place, should it have been compacted
      if (index.get(workflow.id) != workflow) {
        return null; // deleted meanwhile
      }
    }
    SegmentLog log = workflow.segment.log;
    byte[] dag;
    synchronized (log) { // the offset and the file it is in, not moved by a compaction between
      long at = workflow.dagAt;
      if (at < 0) {
        return null;
      }
      dag = log.readAt(at, SegmentLog.DAG, workflow.number);
    }
    return new Payload(dag, 0, dag.length, 0, 0, log.file());
  }

  @Override
  public List<String> workflowIds() {
    refreshAll();
    List<String> ids = new ArrayList<>();
    for (SegmentIndex.Workflow workflow : index.all()) {
      ids.add(workflow.id);
    }
    ids.sort(null);
    return ids;
  }

  @Override
  public List<Listed> statuses() {
    refreshAll();
    List<SegmentIndex.Workflow> all = index.all();
    Listed[] listed = new Listed[all.size()];
    for (int i = 0; i < listed.length; i++) {
      listed[i] = new Listed(all.get(i).id, all.get(i).statusKind());
    }
    Arrays.parallelSort(listed, java.util.Comparator.comparing(Listed::id));
    return Arrays.asList(listed);
  }

  @Override
  public String readEventExpectation(String workflowId, String key) {
    SegmentIndex.Workflow workflow = find(workflowId);
    return workflow == null ? null : workflow.expected.get(key);
  }

  // ---- requests from other processes

  @Override
  public void postEvent(String workflowId, String key, byte[] payload) {
    SegmentIndex.Workflow workflow = find(workflowId);
    if (workflow == null || !workflow.hasStatus()) {
      throw new WorkflowNotFoundException("no workflow '" + workflowId + "' is stored");
    }
    if (workflow.segment.owned()) {
      mailbox.putEvent(workflow, key, payload);
      return;
    }
    SegmentRequests.postEvent(workflow.segment, workflowId, key, payload);
  }

  @Override
  public void requestCancel(String workflowId) {
    SegmentIndex.Workflow workflow = find(workflowId);
    if (workflow == null) {
      return;
    }
    if (workflow.segment.owned()) {
      mailbox.requestCancel(workflowId);
      return;
    }
    SegmentRequests.postCancel(workflow.segment, workflowId);
  }

  @Override
  public boolean takeCancelRequest(String workflowId) {
    return mailbox.takeCancelRequest(workflowId);
  }

  /** A cancel request for a workflow of this process: taken by its run, or recorded if none. */
  void cancel(SegmentIndex.Workflow workflow) {
    StatusRecord status = workflow.status();
    if (claims.containsKey(workflow.id)) {
      mailbox.requestCancel(workflow.id);
    } else if (status != null
        && status.status() != WorkflowStatus.SUCCESSFUL
        && status.status() != WorkflowStatus.CANCELED) {
      appends.writeStatus(workflow, status.next(WorkflowStatus.CANCELED, null, clock.getAsLong()));
    }
  }

  /**
   * Notes that a workflow of an owned segment was deleted; its values are removed from the maps in
   * one pass with those of other deleted workflows (see Segment#deleted), so that a deletion costs
   * a few entries' work, not a pass over the maps.
   */
  void deleted(SegmentIndex.Workflow workflow) {
    workflow.segment.deleted(workflow.number, workflow.entries(), index.size(workflow.segment));
  }

  @Override
  public synchronized void abandon() {
    idLocks.leave(publish, false);
    mailbox.close();
    claims.clear();
    registry.abandon();
    writing = null;
  }

  @Override
  public synchronized void close() {
    mailbox.close();
    for (SegmentStore store : List.copyOf(claims.values())) {
      store.close();
    }
    idLocks.leave(publish, true);
    registry.close();
    writing = null;
  }
}
