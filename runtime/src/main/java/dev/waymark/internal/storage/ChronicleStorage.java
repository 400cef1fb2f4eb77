package dev.waymark.internal.storage;

import com.esotericsoftware.kryo.KryoException;
import dev.waymark.Durability;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The storage: one directory per workflow under {@code root/workflows}, holding its DAG and status
 * as small atomically replaced files and its step outputs in Chronicle Map files ({@link
 * ChronicleWorkflowStore}). A process claims a workflow by locking its {@code lock} file.
 */
public final class ChronicleStorage implements Storage {
  static final int DAG_MAGIC = 0x574d4447; // "WMDG"
  static final int STATUS_MAGIC = 0x574d5354; // "WMST"
  static final String LOCK_FILE = "lock";

  /**
   * What a workflow's directory is renamed to (followed by its id and a number) as its deletion
   * begins; no workflow id starts with a dot.
   */
  static final String DELETED_PREFIX = ".deleted-";

  static final String DAG_FILE = "dag.bin";
  static final String STATUS_FILE = "status.bin";
  static final String CANCEL_FILE = "cancel.request";

  static {
    System.setProperty("chronicle.analytics.disable", "true");
    System.setProperty("chronicle.announcer.disable", "true");
  }

  private final Path root;
  private final Path workflows;

  /**
   * Claims this process holds. Every lock file access goes through here under this monitor: closing
   * any channel on a locked file would drop this process's lock on it (POSIX semantics).
   */
  private final Map<String, ChronicleWorkflowStore> claims = new HashMap<>();

  private final int inFlightSlots;

  /** Whether writes are forced to the device ({@link Durability#POWER_LOSS}). */
  private final boolean force;

  private final FreeSpace space;

  /** The default of {@code Waymark.Builder.freeSpaceReserve}: 64 MB. */
  public static final long DEFAULT_RESERVE = 64L << 20;

  private ChronicleStorage(Path root, int inFlightSlots, boolean force, long reserve) {
    this.root = root;
    this.inFlightSlots = inFlightSlots;
    this.force = force;
    this.space = new FreeSpace(root, reserve);
    this.shapes = new ShapeFiles(root, force);
    this.workflows = root.resolve("workflows");
    this.templates = new MapTemplates(root);
  }

  /** Opens (creating if needed, owner-only) the storage in {@code root}. */
  public static ChronicleStorage open(Path root) {
    return open(root, 64);
  }

  /**
   * Opens the storage in {@code root}; {@code inFlightSlots} bounds how many task chains of one
   * workflow may run at once (at least the step pool's size).
   */
  public static ChronicleStorage open(Path root, int inFlightSlots) {
    return open(root, inFlightSlots, Durability.PROCESS_CRASH, DEFAULT_RESERVE);
  }

  /**
   * Opens the storage in {@code root}; with {@link Durability#POWER_LOSS} every file written whole
   * is forced to the device before the write returns, and {@link Claim#force} forces the outputs.
   */
  public static ChronicleStorage open(
      Path root, int inFlightSlots, Durability durability, long freeSpaceReserve) {
    JvmFlags.check();
    initializeChronicle();
    Path absolute = root.toAbsolutePath().normalize();
    createPrivateDirectories(absolute.resolve("workflows"));
    StorageFormat.require(absolute, StorageFormat.DIRECTORIES, false);
    finishDeletions(absolute.resolve("workflows"));
    return new ChronicleStorage(
        absolute, inFlightSlots, durability == Durability.POWER_LOSS, freeSpaceReserve);
  }

  /**
   * Chronicle registers a JVM shutdown hook when it first releases a resource; a first map made
   * during shutdown (a step committing within a stop's grace period) would fail there. Loading that
   * class when the storage opens registers the hook in time.
   */
  static void initializeChronicle() {
    try {
      Class.forName(
          "net.openhft.chronicle.core.io.BackgroundResourceReleaser",
          true,
          ChronicleStorage.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      // another Chronicle version: its first map then registers what it needs
    }
  }

  /** Refuses a write of about {@code bytes} to {@code file} that would eat into the reserve. */
  void checkSpace(Path file, long bytes) {
    space.check(file, bytes);
  }

  private final MapTemplates templates;

  /** The empty map new maps of {@code entries} entries copy; null when none can be made. */
  MapFile.Template emptyMapTemplate(long entries) {
    return templates.get(entries);
  }

  /** A copy of {@code template} could not be made or opened: make a new one next time. */
  void dropEmptyMapTemplate(MapFile.Template template) {
    templates.drop(template);
  }

  @Override
  public Shapes shapes() {
    return shapes;
  }

  private final Shapes shapes;

  /** Whether writes are forced to the device. */
  boolean forces() {
    return force;
  }

  @Override
  public Durability durability() {
    return force ? Durability.POWER_LOSS : Durability.PROCESS_CRASH;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public synchronized WorkflowStore claim(String workflowId, boolean create) {
    if (claims.containsKey(workflowId)) {
      throw new WorkflowStillActiveException(
          "workflow '" + workflowId + "' is running in this process");
    }
    Path dir = workflows.resolve(workflowId);
    if (!Files.isDirectory(dir)) {
      if (!create) {
        return null;
      }
      createPrivateDirectories(dir);
      if (force) {
        try {
          FramedFiles.forceDirectory(workflows);
        } catch (IOException e) {
          throw new StorageException("cannot force " + workflows + " to the device: " + e, e);
        }
      }
    }
    JvmLocks.Held[] taken = new JvmLocks.Held[1];
    JvmLocks.Outcome outcome;
    try {
      outcome = JvmLocks.tryLock(dir.resolve(LOCK_FILE), taken);
    } catch (IOException | RuntimeException e) {
      throw new StorageException("cannot lock workflow '" + workflowId + "': " + e, e);
    }
    if (outcome == JvmLocks.Outcome.HELD_HERE) {
      throw new WorkflowStillActiveException(
          "workflow '"
              + workflowId
              + "' is running in this process (in another runtime on "
              + root
              + ")");
    }
    if (outcome == JvmLocks.Outcome.HELD_ELSEWHERE) {
      throw new WorkflowStillActiveException(
          "workflow '" + workflowId + "' is running in another process using " + root);
    }
    try {
      deleteTemporaryFiles(dir); // left by a writer that died between writing and renaming
    } catch (RuntimeException e) {
      JvmLocks.release(taken[0]);
      throw e;
    }
    ChronicleWorkflowStore claim =
        new ChronicleWorkflowStore(this, workflowId, dir, taken[0], inFlightSlots);
    claims.put(workflowId, claim);
    return claim;
  }

  /** Called by a claim when it ends. */
  synchronized void release(ChronicleWorkflowStore claim, JvmLocks.Held lock) {
    claims.remove(claim.workflowId(), claim);
    JvmLocks.release(lock);
  }

  @Override
  public synchronized boolean isClaimed(String workflowId) {
    return claims.containsKey(workflowId)
        || JvmLocks.isLocked(workflows.resolve(workflowId).resolve(LOCK_FILE));
  }

  @Override
  public StatusRecord readStatus(String workflowId) {
    return readStatus(workflows.resolve(workflowId), workflowId);
  }

  /**
   * The status in {@code dir}, or null when the workflow was never recorded (or only its DAG was,
   * by a process that died before its status: it ran nothing).
   *
   * @throws CheckpointCorruptedException when the status is missing but the workflow has records,
   *     or the file belongs to another workflow or is damaged
   */
  static StatusRecord readStatus(Path dir, String workflowId) {
    Path file = dir.resolve(STATUS_FILE);
    byte[] bytes = FramedFiles.read(file, STATUS_MAGIC, TaskKeys.hash(workflowId), "status");
    if (bytes == null) {
      if (Files.exists(dir.resolve("records-0.cmap"))) {
        throw new CheckpointCorruptedException(
            file,
            "is missing, though workflow '"
                + workflowId
                + "' has records: nothing tells whether it finished or how it ended",
            null);
      }
      return null;
    }
    try {
      return StatusRecord.decode(bytes);
    } catch (KryoException e) {
      throw new CheckpointCorruptedException(file, "cannot be decoded: " + e.getMessage(), e);
    }
  }

  static void writeStatus(Path dir, String workflowId, StatusRecord status, boolean force) {
    FramedFiles.write(
        dir.resolve(STATUS_FILE), STATUS_MAGIC, TaskKeys.hash(workflowId), status.encode(), force);
  }

  /** The recorded DAG in {@code dir}, tied to {@code workflowId}, or null. */
  static Payload readDag(Path dir, String workflowId) {
    Path file = dir.resolve(DAG_FILE);
    byte[] bytes = FramedFiles.read(file, DAG_MAGIC, TaskKeys.hash(workflowId), "DAG");
    return bytes == null ? null : new Payload(bytes, 0, bytes.length, 0, 0, file);
  }

  /** What an event file is tied to: its workflow and its key. */
  static long eventTie(String workflowId, String key) {
    return TaskKeys.hash(workflowId + "\n" + key);
  }

  static final int EVENT_MAGIC = 0x574d4556; // "WMEV"

  @Override
  public void postEvent(String workflowId, String key, byte[] payload) {
    Path dir = workflows.resolve(workflowId);
    if (!Files.exists(dir.resolve(STATUS_FILE))) {
      throw new dev.waymark.exceptions.WorkflowNotFoundException(
          "no workflow '" + workflowId + "' is stored");
    }
    Path events = dir.resolve("events");
    createPrivateDirectories(events);
    FramedFiles.write(
        events.resolve(key + ".bin"), EVENT_MAGIC, eventTie(workflowId, key), payload, force);
  }

  @Override
  public Payload readDag(String workflowId) {
    return readDag(workflows.resolve(workflowId), workflowId);
  }

  @Override
  public String readEventExpectation(String workflowId, String key) {
    byte[] bytes =
        FramedFiles.read(
            expectationFile(workflows.resolve(workflowId), key),
            EXPECT_MAGIC,
            eventTie(workflowId, key),
            "event");
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static final int EXPECT_MAGIC = 0x574d4558; // "WMEX"

  static Path expectationFile(Path workflowDir, String key) {
    return workflowDir.resolve("events").resolve(key + ".expect");
  }

  @Override
  public void requestCancel(String workflowId) {
    try {
      Files.write(workflows.resolve(workflowId).resolve(CANCEL_FILE), new byte[0]);
    } catch (IOException e) {
      throw new StorageException("cannot request the cancel of '" + workflowId + "': " + e, e);
    }
  }

  @Override
  public boolean takeCancelRequest(String workflowId) {
    try {
      return Files.deleteIfExists(workflows.resolve(workflowId).resolve(CANCEL_FILE));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public List<String> workflowIds() {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(workflows)) {
      dirs.filter(dir -> !dir.getFileName().toString().startsWith(DELETED_PREFIX))
          .filter(dir -> Files.exists(dir.resolve(STATUS_FILE)))
          .forEach(dir -> ids.add(dir.getFileName().toString()));
    } catch (IOException e) {
      throw new StorageException("cannot list " + workflows + ": " + e, e);
    }
    ids.sort(null);
    return ids;
  }

  @Override
  public synchronized void close() {
    for (ChronicleWorkflowStore claim : List.copyOf(claims.values())) {
      claim.close();
    }
  }

  /**
   * Deletes what a deletion cut short by the death of its process left, out of the namespace
   * already; a deletion still under way in a live process holds its lock and is left to it.
   */
  private static void finishDeletions(Path workflows) {
    try (Stream<Path> dirs = Files.list(workflows)) {
      for (Path dir : dirs.toList()) {
        String name = dir.getFileName().toString();
        if (name.startsWith(DELETED_PREFIX) && !JvmLocks.isLocked(dir.resolve(LOCK_FILE))) {
          deleteTree(dir, name);
        }
      }
    } catch (IOException | StorageException e) {
      // left for the next open: nothing reads these directories
    }
  }

  /** Deletes {@code dir} and everything in it, its lock file last. */
  static void deleteTree(Path dir, String what) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!file.getFileName().toString().equals(LOCK_FILE) && !file.equals(dir)) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir.resolve(LOCK_FILE));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new StorageException("cannot delete the files of workflow '" + what + "': " + e, e);
    }
  }

  static void createPrivateDirectories(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return;
      }
      Path parent = dir.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        createPrivateDirectories(parent);
      }
      try {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException e) {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      // created concurrently: fine
    } catch (IOException e) {
      throw new StorageException("cannot create directory " + dir + ": " + e, e);
    }
  }

  private static void deleteTemporaryFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new StorageException("cannot clean " + dir + ": " + e, e);
    }
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // nothing useful to do: the resource is gone either way
    }
  }
}
