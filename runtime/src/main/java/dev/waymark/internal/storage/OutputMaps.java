package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A claimed workflow's records in Chronicle Map files. Records written once (outputs, resolved
 * values, returned DAGs, task names) go to the {@code records} maps and are counted; records that
 * are overwritten or removed (intra-step states, wake-up times, name counters, links) go to the
 * {@code scratch} maps. Each kind is a {@link MapChain}, so neither has a capacity limit; maps are
 * made on the first write, never by a reader. A value too large for a map entry goes to its own
 * framed file first, and the map entry, put last, publishes it.
 *
 * <p>Each value is {@code [kind][crc32c][start][end][payload]}; the checksum covers the workflow's
 * id and the record's key too, so a record copied into another workflow, or under another key, is
 * refused. Each map holds an owner record naming its workflow, kind and number, checked when it
 * opens. The in-flight journal counts the records committed: records maps that hold fewer were
 * damaged, deleted or replaced by an older copy, which is named, never taken for steps that have
 * not run; a key the lookup misses is checked against the entries of its segment ({@link
 * MapCensus}).
 *
 * <p>The {@code maps.closed} marker says the maps were closed cleanly: it is removed when they open
 * and written when they close. Maps opened without it are recovered ({@code recoverPersistedTo})
 * first, which clears what a process that died with them open left inside (its locks, counts and a
 * torn last entry); the claim makes that access exclusive. A lost marker only costs a recovery.
 */
final class OutputMaps implements WorkflowStore.Values {
  static final String CLOSED_MARKER = "maps.closed";

  /** The entries of a workflow's first records map unless it expects more records. */
  static final long DEFAULT_ENTRIES = 2048;

  private static final long SCRATCH_ENTRIES = 1024;

  /** Where the committed-record count is kept (the in-flight journal). */
  interface Witness {
    /** The records committed so far, or -1 when nothing tells. */
    long committed();

    /** Counts {@code records} more committed records. */
    void committed(int records);
  }

  private final ChronicleStorage store;
  private final String workflowId;
  private final Path dir;
  private final Witness witness;
  private final long seed;
  private final MapChain<Long> records;
  private final MapChain<Long> scratch;

  /** Checks that a key the lookup missed is really absent. */
  private final MapCensus census = new MapCensus(this::intact);

  private volatile boolean mapsOpen;
  private boolean closed;

  /** Whether the storage forces records to the device. */
  private final boolean forces;

  private long expectedRecords = DEFAULT_ENTRIES;

  /** Whether the journal holding the committed count was opened by this claim. */
  private volatile boolean witnessReady;

  OutputMaps(ChronicleStorage store, String workflowId, Path dir, Witness witness) {
    this.store = store;
    this.workflowId = workflowId;
    this.dir = dir;
    this.witness = witness;
    this.forces = store.forces();
    this.seed = TaskKeys.hash(workflowId);
    this.records =
        new MapChain<>(
            dir, "records", (file, n, entries) -> make(file, "records", n, entries), MapFile::open);
    this.scratch =
        new MapChain<>(
            dir, "scratch", (file, n, entries) -> make(file, "scratch", n, entries), MapFile::open);
  }

  /** Sizes the first records map, when it is made after this. */
  @Override
  public void expectRecords(long count) {
    this.expectedRecords = Math.max(DEFAULT_ENTRIES, count + count / 4);
  }

  private MapChain<Long> chainOf(long key) {
    open();
    return TaskKeys.isScratch(key) ? scratch : records;
  }

  @Override
  public boolean contains(long key) {
    MapChain<Long> chain = chainOf(key);
    if (chain.containsKey(key)) {
      return true;
    }
    census.missed(chain.links(), key);
    return false;
  }

  @Override
  public Payload read(long key) {
    MapChain<Long> chain = chainOf(key);
    MapChain.Found found = chain.get(key);
    if (found == null) {
      census.missed(chain.links(), key);
      return null;
    }
    return decode(found.file(), key, found.value());
  }

  private boolean intact(long key, byte[] value) {
    return RecordCodec.intact(seed, key, value);
  }

  private Payload decode(Path file, long key, byte[] value) {
    return RecordCodec.decode(seed, file, key, value, blobs);
  }

  /** Where a large value of this workflow is kept. */
  private final RecordCodec.Blobs blobs =
      new RecordCodec.Blobs() {
        @Override
        public Path file(long key) {
          return dir.resolve("output-" + Long.toHexString(key) + ".bin");
        }

        @Override
        public void write(Path file, byte[] bytes) {
          store.checkSpace(file, bytes.length);
          FramedFiles.write(file, RecordCodec.BLOB_MAGIC, bytes, forces);
        }
      };

  @Override
  public void write(
      long key, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
    if (!witnessReady) {
      // The journal that counts the records exists before the first record does: a kill between
      // the two must not leave records that no journal vouches for.
      witness.committed(0);
      witnessReady = true;
    }
    byte[] value =
        RecordCodec.encode(seed, key, startMillis, endMillis, bytes, offset, length, blobs);
    if (TaskKeys.isScratch(key)) {
      chainOf(key).put(key, value, SCRATCH_ENTRIES, store::checkSpace);
    } else if (chainOf(key).put(key, value, expectedRecords, store::checkSpace)) {
      witness.committed(1); // after the put: a kill in between leaves more than counted, not less
    }
  }

  @Override
  public void delete(long key) {
    if (!TaskKeys.isScratch(key) && chainOf(key).containsKey(key)) {
      witness.committed(-1); // before the removal: a kill in between leaves more, not less
    }
    chainOf(key).remove(key);
    try {
      Files.deleteIfExists(blobs.file(key));
    } catch (IOException e) {
      throw new StorageException("cannot delete " + blobs.file(key) + ": " + e, e);
    }
  }

  /**
   * Passes every record, verified against its checksum, to {@code action}, in no particular order:
   * what a migration copies.
   */
  void forEach(java.util.function.BiConsumer<Long, Payload> action) {
    open();
    for (MapChain<Long> chain : List.of(records, scratch)) {
      for (MapChain.Link<Long> link : chain.links()) {
        try {
          link.map()
              .forEach(
                  (key, value) -> {
                    if (key != TaskKeys.OWNER) {
                      action.accept(key, decode(link.file(), key, value));
                    }
                  });
        } catch (CheckpointCorruptedException | StorageException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new CheckpointCorruptedException(
              link.file(), "cannot be read whole: " + MapFile.rootCause(e), e);
        }
      }
    }
  }

  /** Forces the maps written since the last force (each map notes its writes: MapChain). */
  @Override
  public void force() {
    if (mapsOpen) {
      records.force();
      scratch.force();
    }
  }

  private void open() {
    if (!mapsOpen) {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException(
              "the claim on workflow '" + workflowId + "' was released");
        }
        if (!mapsOpen) {
          openExisting();
          mapsOpen = true;
        }
      }
    }
  }

  /**
   * Opens the maps there are, recovering them when they were not closed cleanly, and checks that
   * they are this workflow's and hold every record committed. It makes none.
   */
  private void openExisting() {
    List<Path> recordFiles;
    List<Path> scratchFiles;
    boolean cleanlyClosed;
    try {
      recordFiles = records.files();
      scratchFiles = scratch.files();
      cleanlyClosed = Files.deleteIfExists(dir.resolve(CLOSED_MARKER));
      if (cleanlyClosed && forces) {
        FramedFiles.forceDirectory(dir); // a crash from here on finds the maps to recover
      }
    } catch (IOException e) {
      throw new StorageException("cannot open the files of workflow '" + workflowId + "': " + e, e);
    }
    try {
      records.open(recordFiles, DEFAULT_ENTRIES, !cleanlyClosed);
      scratch.open(scratchFiles, SCRATCH_ENTRIES, !cleanlyClosed);
      checkOwners(records, "records");
      checkOwners(scratch, "scratch");
      checkCount();
      if (!cleanlyClosed && forces && !recordFiles.isEmpty()) {
        // What the process that died wrote may not be on the device yet: force it before any
        // step relies on it.
        records.forceAll();
        scratch.forceAll();
      }
    } catch (RuntimeException e) {
      records.close();
      scratch.close();
      throw e;
    }
  }

  /** The records committed must all be in the maps; more is what a kill leaves, fewer is damage. */
  private void checkCount() {
    long committed = witness.committed();
    long held = records.size() - records.links().size(); // less the owner records
    if (committed >= 0 && held < committed) {
      throw new CheckpointCorruptedException(
          records.isEmpty()
              ? dir.resolve("records-0.cmap")
              : records.links().get(records.links().size() - 1).file(),
          "and the workflow's other record maps hold "
              + held
              + " records, but "
              + committed
              + " were committed: records were lost (a map was damaged, deleted or replaced by an"
              + " older copy); nothing stored is taken for a step that has not run",
          null);
    }
  }

  private void checkOwners(MapChain<Long> chain, String kind) {
    List<MapChain.Link<Long>> links = chain.links();
    for (int i = 0; i < links.size(); i++) {
      if (links.get(i).map().longSize() == 0) {
        // Made, then a kill before its owner record: empty, so nothing can be lost or misread.
        links.get(i).map().put(TaskKeys.OWNER, ownerRecord(kind, i));
        continue;
      }
      byte[] value = links.get(i).map().get(TaskKeys.OWNER);
      Payload owner = value == null ? null : decode(links.get(i).file(), TaskKeys.OWNER, value);
      String expected = ownerOf(kind, i);
      if (owner == null
          || !expected.equals(
              new String(owner.bytes(), owner.offset(), owner.length(), StandardCharsets.UTF_8))) {
        throw new CheckpointCorruptedException(
            links.get(i).file(),
            owner == null
                ? "has no owner record: it is not a map of workflow '" + workflowId + "'"
                : "belongs to another workflow or place (it was copied or moved here)",
            null);
      }
    }
  }

  private String ownerOf(String kind, int number) {
    return workflowId + "/" + kind + "-" + number;
  }

  /**
   * Makes map {@code number} of a chain, with its owner record; a map of a usual size is a copy of
   * the template of that size (a large file is not worth copying, and Chronicle makes it sparse).
   */
  private MapChain.Link<Long> make(Path file, String kind, int number, long entries) {
    boolean usualSize = entries == DEFAULT_ENTRIES || entries == SCRATCH_ENTRIES;
    MapChain.Link<Long> link =
        new MapChain.Link<>(file, makeMap(file, entries, usualSize), entries);
    CrashPoints.reached("map-in-place");
    link.map().put(TaskKeys.OWNER, ownerRecord(kind, number));
    return link;
  }

  /** The record that says a map belongs to this workflow, and which of its maps it is. */
  private byte[] ownerRecord(String kind, int number) {
    byte[] owner = ownerOf(kind, number).getBytes(StandardCharsets.UTF_8);
    return RecordCodec.encode(seed, TaskKeys.OWNER, 0, 0, owner, 0, owner.length, blobs);
  }

  private net.openhft.chronicle.map.ChronicleMap<Long, byte[]> makeMap(
      Path file, long entries, boolean fromTemplate) {
    store.checkSpace(file, 0);
    MapFile.Template template = fromTemplate ? store.emptyMapTemplate(entries) : null;
    try {
      return MapFile.create(file, entries, template, forces);
    } catch (IOException | RuntimeException e) {
      if (template != null) {
        store.dropEmptyMapTemplate(template); // damaged, or written by another Chronicle version
        return makeMap(file, entries, false);
      }
      // A full device, typically: nothing under the map's name was made.
      throw new StorageException("cannot create " + file + ": " + MapFile.rootCause(e), e);
    }
  }

  /** Closes the maps, and marks them closed cleanly. */
  synchronized void close() {
    closed = true;
    if (!mapsOpen) {
      return;
    }
    records.close();
    scratch.close();
    mapsOpen = false;
    try {
      Files.write(dir.resolve(CLOSED_MARKER), new byte[0]);
    } catch (IOException e) {
      throw new StorageException("cannot mark " + dir + " closed: " + e, e);
    }
  }
}
