package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment of the storage: the records of many workflows in a fixed set of files, owned by one
 * process at a time through an OS lock on its {@code owner.lock}. Every process reads its {@link
 * SegmentLog} and writes to its {@link Inbox}; only the owner maps its Chronicle maps ({@code
 * values-<n>.cmap}: task values and events under (workflow number, store key)) and its {@link
 * SegmentJournal}, so Chronicle's recovery of a dead owner's maps never runs while another process
 * maps them.
 *
 * <p>The {@code maps.closed} marker says the maps were closed cleanly: it is removed when an owner
 * opens them and written when it closes them; maps opened without it are recovered first.
 */
final class Segment {
  private static final Logger LOG = LoggerFactory.getLogger(Segment.class);

  static final String OWNER_LOCK = "owner.lock";
  static final String CLOSED_MARKER = "maps.closed";

  /** The first values map's entries. */
  static final long FIRST_ENTRIES = 1 << 16;

  final int number;
  final Path dir;
  final SegmentLog log;

  /** Appends waiting for the next holder of the log's monitor (see SegmentAppends#grouped). */
  final java.util.Queue<SegmentAppends.Grouped> grouped =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  final Inbox inbox;

  /** The deleted workflows whose values are still in the maps. */
  final Set<Long> dead = ConcurrentHashMap.newKeySet();

  /** About how many entries of the maps belong to deleted workflows. */
  private final AtomicLong deadEntries = new AtomicLong();

  /** Whether this process took the segment over only to read it (see SegmentStorage#borrow). */
  volatile boolean borrowed;

  private JvmLocks.Held lock;
  private MapChain<byte[]> records;
  private MapChain<byte[]> scratch;
  private SegmentWitness witness;
  private SegmentJournal journal;
  private final AtomicLong nextWorkflow = new AtomicLong();
  private final boolean force;

  Segment(int number, Path dir, boolean force) {
    this.number = number;
    this.dir = dir;
    this.force = force;
    this.log =
        new SegmentLog(
            dir.resolve("log.bin"),
            force,
            whole -> {
              SegmentWitness counts = witness;
              if (counts != null) {
                counts.logWritten(whole); // after the append: a kill in between leaves more
              }
            },
            whole -> {
              witness.logWritten(whole); // before the compacted log replaces the longer one
              if (force) {
                witness.force();
              }
            });
    this.inbox = new Inbox(dir.resolve("inbox.bin"), force);
  }

  /** Whether this process owns the segment. */
  synchronized boolean owned() {
    return lock != null;
  }

  /** Whether a process (this one included) owns the segment. */
  boolean hasOwner() {
    boolean owner = owned() || JvmLocks.isLocked(dir.resolve(OWNER_LOCK));
    ownerSeen = owner;
    ownerProbedAt = System.nanoTime();
    return owner;
  }

  /**
   * {@link #hasOwner}, as probed at most a millisecond ago: a listing of many workflows probes each
   * segment once, not once per workflow.
   */
  boolean hadOwnerJustNow() {
    return System.nanoTime() - ownerProbedAt < RECENT_NANOS ? ownerSeen : hasOwner();
  }

  /** Whether the log was read for new records at most a millisecond ago. */
  boolean readJustNow() {
    long now = System.nanoTime();
    if (now - logReadAt < RECENT_NANOS) {
      return true;
    }
    logReadAt = now;
    return false;
  }

  private static final long RECENT_NANOS = 1_000_000;
  private volatile boolean ownerSeen;
  private volatile long ownerProbedAt = System.nanoTime() - RECENT_NANOS;
  private volatile long logReadAt = System.nanoTime() - RECENT_NANOS;

  /**
   * Takes the segment's lock; returns the records of its log when it was taken, null when another
   * process, or another runtime of this one, owns it. Taking it over recovers what a dead owner
   * left: a torn last log record, maps left open (recovered), and the attempts left running
   * (written to the log as {@link SegmentLog#INTERRUPTED} records before the journal is reused).
   */
  synchronized List<SegmentLog.Entry> tryOwn(int slotsPerBlock) {
    boolean interrupted = Interrupts.setAside();
    try {
      JvmLocks.Held[] taken = new JvmLocks.Held[1];
      try {
        ChronicleStorage.createPrivateDirectories(dir);
        if (JvmLocks.tryLock(dir.resolve(OWNER_LOCK), taken) != JvmLocks.Outcome.TAKEN) {
          return null;
        }
      } catch (IOException e) {
        throw new StorageException("cannot lock segment " + dir + ": " + e, e);
      }
      lock = taken[0];
      try {
        witness = SegmentWitness.open(dir.resolve("witness.bin"), !hasRecordMaps());
        List<SegmentLog.Entry> entries = log.openForAppend(witness.logCount());
        witness.checkLog(log.end(), log.file()); // before anything is appended to it
        witness.logWritten(log.end());
        long next = 0;
        for (SegmentLog.Entry entry : entries) {
          next =
              Math.max(
                  next, entry.kind() == SegmentLog.NUMBERED ? entry.number() : entry.number() + 1);
        }
        nextWorkflow.set(next);
        Map<Long, Map<Long, Integer>> left = SegmentJournal.read(dir);
        if (!left.isEmpty()) {
          LOG.info(
              "segment {}: its owner died while {} workflow(s) ran steps; those attempts count as"
                  + " crashed ones",
              dir,
              left.size());
        }
        for (Map.Entry<Long, Map<Long, Integer>> workflow : left.entrySet()) {
          entries.add(
              entryOf(
                  SegmentLog.INTERRUPTED,
                  workflow.getKey(),
                  SegmentIndex.encodeAttempts(workflow.getValue())));
        }
        CrashPoints.reached("segment-taken-over");
        journal = new SegmentJournal(dir, slotsPerBlock);
        journal.open();
        openValues();
        return entries;
      } catch (RuntimeException e) {
        release();
        throw e;
      }
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  private boolean hasRecordMaps() {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files
          .map(file -> file.getFileName().toString())
          .anyMatch(name -> name.startsWith("records-") && name.endsWith(".cmap"));
    } catch (IOException e) {
      throw new StorageException("cannot list " + dir + ": " + e, e);
    }
  }

  private SegmentLog.Entry entryOf(byte kind, long workflow, byte[] data) {
    return new SegmentLog.Entry(kind, workflow, log.append(kind, workflow, data), data);
  }

  private MapChain<byte[]> chain(String kind) {
    return new MapChain<>(
        dir,
        kind,
        (file, n, entries) -> {
          try {
            MapChain.Link<byte[]> link =
                new MapChain.Link<>(file, MapFile.createPairs(file, entries, force), entries);
            CrashPoints.reached("segment-map-made");
            return link;
          } catch (IOException | RuntimeException e) {
            throw new StorageException("cannot create " + file + ": " + MapFile.rootCause(e), e);
          }
        },
        MapFile::openPairs);
  }

  /**
   * Opens the maps, recovering them first when they were not closed cleanly, and checks that the
   * records maps hold every record committed.
   */
  private void openValues() {
    records = chain("records");
    scratch = chain("scratch");
    try {
      boolean clean = Files.deleteIfExists(dir.resolve(CLOSED_MARKER));
      if (clean && force) {
        FramedFiles.forceDirectory(dir);
      }
      List<Path> recordFiles = records.files();
      if (!clean && !recordFiles.isEmpty()) {
        LOG.info("segment {}: recovering the maps its owner left open when it ended", dir);
      }
      records.open(recordFiles, FIRST_ENTRIES, !clean);
      scratch.open(scratch.files(), FIRST_ENTRIES, !clean);
      witness.checkRecords(
          records.size(),
          recordFiles.isEmpty()
              ? dir.resolve("records-0.cmap")
              : recordFiles.get(recordFiles.size() - 1));
      if (!clean && force) {
        // What the owner that died wrote may not be on the device yet: forced before any step
        // relies on it.
        records.forceAll();
        scratch.forceAll();
      }
    } catch (IOException e) {
      closeMaps();
      throw new StorageException("cannot open the maps of " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      closeMaps();
      throw e;
    }
  }

  private void closeMaps() {
    if (records != null) {
      records.close();
    }
    if (scratch != null) {
      scratch.close();
    }
    records = null;
    scratch = null;
    witness = null;
  }

  /**
   * The maps that keep records under {@code storeKey}: write-once records (outputs, resolved
   * values, returned DAGs, names) are counted by the witness; records overwritten or removed
   * (states, counters, links, events) are kept apart.
   */
  MapChain<byte[]> maps(long storeKey) {
    return counted(storeKey) ? records : scratch;
  }

  static boolean counted(long storeKey) {
    return !TaskKeys.isScratch(storeKey) && !TaskKeys.isEvent(storeKey);
  }

  SegmentWitness witness() {
    return witness;
  }

  /** Whether the maps are open (this process owns the segment). */
  boolean mapsOpen() {
    return records != null;
  }

  /** Forces the maps written since the last force, then the count, to the device. */
  void force() {
    boolean records = this.records.force();
    boolean scratch = this.scratch.force();
    if (records || scratch) {
      witness.force(); // after the maps: the count never says more than the device holds
    }
  }

  /** A new workflow number, unique in the segment. */
  long newWorkflow() {
    return nextWorkflow.getAndIncrement();
  }

  /** The number the next new workflow gets. */
  long nextWorkflow() {
    return nextWorkflow.get();
  }

  SegmentJournal journal() {
    return journal;
  }

  /** The key of a workflow's record in the values maps. */
  static byte[] key(long workflow, long storeKey) {
    byte[] pair = new byte[16];
    LONG_BE.set(pair, 0, workflow);
    LONG_BE.set(pair, 8, storeKey);
    return pair;
  }

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Where a large value of a workflow is kept. */
  Path blobFile(long workflow, long storeKey) {
    return dir.resolve("blobs").resolve(workflow + "-" + Long.toHexString(storeKey) + ".bin");
  }

  /**
   * Notes a deleted workflow whose values are still in the maps, {@code entries} of them (0 when
   * unknown: it ran in an earlier process), among {@code workflows} others. The values of all those
   * are removed in one pass once they are about a quarter of the maps' entries: each pass costs
   * about as much as the deletions it follows, however many are deleted at once, and the maps stay
   * within the size they were made for.
   */
  synchronized void deleted(long workflow, long entries, long workflows) {
    dead.add(workflow);
    if (records == null) {
      return;
    }
    long held = records.held() + scratch.held();
    long estimate =
        entries > 0 ? entries : Math.max(1, held / Math.max(1, workflows + dead.size()));
    if (deadEntries.addAndGet(estimate) >= Math.max(1024, held / 4)) {
      sweep();
    }
  }

  /** Removes the values (and blobs) of the deleted workflows from the maps, in one pass. */
  synchronized void sweep() {
    if (records == null || dead.isEmpty()) {
      return;
    }
    deadEntries.set(0);
    // Sorted numbers, searched: workflow numbers run in sequence, which a hash set of Longs with
    // open addressing (Set.copyOf) keeps in one run of slots that every miss walks to its end.
    long[] gone = dead.stream().mapToLong(Long::longValue).sorted().toArray();
    for (MapChain.Link<byte[]> link : records.links()) {
      link.map()
          .keySet()
          .removeIf(
              key -> {
                if (!isIn(gone, key)) {
                  return false;
                }
                witness.add(-1); // before the removal: a kill in between leaves more, not less
                return true;
              });
    }
    for (MapChain.Link<byte[]> link : scratch.links()) {
      link.map().keySet().removeIf(key -> isIn(gone, key));
    }
    records.recount();
    scratch.recount();
    Path blobs = dir.resolve("blobs");
    if (Files.isDirectory(blobs)) {
      try (Stream<Path> files = Files.list(blobs)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          int dash = name.indexOf('-');
          if (dash > 0 && Arrays.binarySearch(gone, Long.parseLong(name.substring(0, dash))) >= 0) {
            Files.deleteIfExists(file);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // left for the next sweep
      }
    }
    for (long number : gone) {
      dead.remove(number);
    }
  }

  /** Whether a pair key is of one of the {@code sorted} workflow numbers. */
  private static boolean isIn(long[] sorted, byte[] pair) {
    return Arrays.binarySearch(sorted, (long) LONG_BE.get(pair, 0)) >= 0;
  }

  /** Gives up the segment, and stops reading its log. */
  void close() {
    release();
    log.close();
  }

  /** Closes the maps cleanly and gives up the lock. */
  synchronized void release() {
    release(true);
  }

  /**
   * Gives up the lock as a killed owner would: the maps are closed without the marker that says
   * they were closed cleanly, so the next owner recovers them, and the log and journal are left as
   * they are.
   */
  synchronized void abandon() {
    release(false);
    log.close();
  }

  private void release(boolean clean) {
    if (lock == null) {
      return;
    }
    try {
      if (records != null && clean) {
        closeMaps();
        Files.write(dir.resolve(CLOSED_MARKER), new byte[0]);
      }
    } catch (IOException e) {
      // without the marker the next owner recovers the maps: slower, never wrong
    } finally {
      closeMaps();
      if (journal != null) {
        journal.close();
        journal = null;
      }
      log.close();
      JvmLocks.release(lock);
      lock = null;
    }
  }
}
