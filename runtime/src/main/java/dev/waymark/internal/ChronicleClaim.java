package dev.waymark.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.CheckpointCorruptedException;
import dev.waymark.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One claimed workflow's files: its DAG and status, its records ({@link OutputMaps}), its events,
 * the in-flight journal and the failed-attempt counts. Holding it is holding the workflow's lock.
 * Every file is tied to the workflow (its checksum covers the workflow's id), so a file copied from
 * another workflow is named, never read as this one's.
 */
final class ChronicleClaim implements CheckpointStore.Claim {
  private static final int ATTEMPTS_MAGIC = 0x574d4154; // WMAT
  private static final String JOURNAL = "inflight.bin";

  private final ChronicleCheckpointStore store;
  private final String workflowId;
  private final long owner;
  private final Path dir;
  private final JvmLocks.Held lock;

  private final OutputMaps outputs;
  private final int inFlightSlots;
  private volatile InFlightJournal journal;
  private InFlightJournal.Contents left;
  private boolean closed;

  ChronicleClaim(
      ChronicleCheckpointStore store,
      String workflowId,
      Path dir,
      JvmLocks.Held lock,
      int inFlightSlots) {
    this.inFlightSlots = inFlightSlots;
    this.store = store;
    this.workflowId = workflowId;
    this.owner = TaskKeys.hash(workflowId);
    this.dir = dir;
    this.lock = lock;
    this.outputs =
        new OutputMaps(
            store,
            workflowId,
            dir,
            new OutputMaps.Witness() {
              @Override
              public long committed() {
                InFlightJournal open = journal;
                return open != null ? open.committed() : left().committed();
              }

              @Override
              public void committed(int records) {
                journal().committed(records);
              }
            });
  }

  @Override
  public String workflowId() {
    return workflowId;
  }

  @Override
  public Path directory() {
    return dir;
  }

  @Override
  public byte[] readDag() {
    return ChronicleCheckpointStore.readDag(dir, workflowId);
  }

  @Override
  public void writeDag(byte[] dag) {
    FramedFiles.write(
        dir.resolve(ChronicleCheckpointStore.DAG_FILE),
        ChronicleCheckpointStore.DAG_MAGIC,
        owner,
        dag,
        store.forces());
  }

  @Override
  public void expectRecords(long count) {
    outputs.expectRecords(count);
  }

  @Override
  public CheckpointStore.StatusRecord readStatus() {
    return ChronicleCheckpointStore.readStatus(dir, workflowId);
  }

  @Override
  public void writeStatus(CheckpointStore.StatusRecord status) {
    ChronicleCheckpointStore.writeStatus(dir, workflowId, status, store.forces());
  }

  @Override
  public boolean contains(long key) {
    return outputs.contains(key);
  }

  @Override
  public CheckpointStore.Payload read(long key) {
    return outputs.read(key);
  }

  @Override
  public void write(
      long key, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
    outputs.write(key, startMillis, endMillis, bytes, offset, length);
  }

  @Override
  public void delete(long key) {
    outputs.delete(key);
  }

  @Override
  public void force() {
    outputs.force();
  }

  @Override
  public byte[] readEvent(String key) {
    return FramedFiles.read(
        dir.resolve("events").resolve(key + ".bin"),
        ChronicleCheckpointStore.EVENT_MAGIC,
        ChronicleCheckpointStore.eventTie(workflowId, key),
        "event");
  }

  @Override
  public void deleteEvent(String key) {
    try {
      Files.deleteIfExists(dir.resolve("events").resolve(key + ".bin"));
      Files.deleteIfExists(ChronicleCheckpointStore.expectationFile(dir, key));
    } catch (IOException e) {
      throw new StorageException("cannot remove event '" + key + "': " + e, e);
    }
  }

  @Override
  public void expectEvent(String key, String typeName) {
    Path file = ChronicleCheckpointStore.expectationFile(dir, key);
    if (!Files.exists(file)) {
      ChronicleCheckpointStore.createPrivateDirectories(file.getParent());
      FramedFiles.write(
          file,
          ChronicleCheckpointStore.EXPECT_MAGIC,
          ChronicleCheckpointStore.eventTie(workflowId, key),
          typeName.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          store.forces());
    }
  }

  /** The in-flight journal, opened (emptied) on first use, once what it held was read. */
  private InFlightJournal journal() {
    InFlightJournal current = journal;
    if (current == null) {
      synchronized (this) {
        if (journal == null) {
          long committed = Math.max(0, left().committed());
          journal =
              InFlightJournal.open(
                  dir.resolve(JOURNAL), inFlightSlots, owner, committed, store.forces());
        }
        current = journal;
      }
    }
    return current;
  }

  /** What the journal held when this claim began: what a dead process left. */
  private synchronized InFlightJournal.Contents left() {
    if (left == null) {
      left = InFlightJournal.read(dir.resolve(JOURNAL), owner);
      if (left.committed() < 0 && Files.exists(dir.resolve("records-0.cmap"))) {
        throw new CheckpointCorruptedException(
            dir.resolve(JOURNAL),
            "is missing, though the workflow has records: nothing can tell whether they are all"
                + " there",
            null);
      }
    }
    return left;
  }

  @Override
  public Map<Long, Integer> interruptedAttempts() {
    return left().interrupted();
  }

  @Override
  public int inFlightSlots() {
    return inFlightSlots;
  }

  @Override
  public void markInFlight(int slot, long task, int attempt) {
    journal().mark(slot, task, attempt);
  }

  @Override
  public void clearInFlight(int slot) {
    journal().clear(slot);
  }

  @Override
  public Map<Long, Integer> readFailedAttempts() {
    Path file = dir.resolve("attempts.bin");
    byte[] bytes = FramedFiles.read(file, ATTEMPTS_MAGIC, owner, "attempts");
    Map<Long, Integer> attempts = new HashMap<>();
    if (bytes != null) {
      try (Input in = new Input(bytes)) {
        int count = in.readVarInt(true);
        for (int i = 0; i < count; i++) {
          attempts.put(in.readLong(), in.readVarInt(true));
        }
      } catch (KryoException e) {
        throw new CheckpointCorruptedException(file, "cannot be decoded: " + e.getMessage(), e);
      }
    }
    return attempts;
  }

  @Override
  public void writeFailedAttempts(Map<Long, Integer> attempts) {
    Output out = new Output(64, -1);
    out.writeVarInt(attempts.size(), true);
    for (Map.Entry<Long, Integer> entry : attempts.entrySet()) {
      out.writeLong(entry.getKey());
      out.writeVarInt(entry.getValue(), true);
    }
    FramedFiles.write(
        dir.resolve("attempts.bin"), ATTEMPTS_MAGIC, owner, out.toBytes(), store.forces());
  }

  @Override
  public void recordShape(long hash, String text) {
    store.recordShape(hash, text);
  }

  @Override
  public String readShape(long hash) {
    return store.readShape(hash);
  }

  @Override
  public void deleteAll() {
    outputs.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!file.getFileName().toString().equals(ChronicleCheckpointStore.LOCK_FILE)
            && !file.equals(dir)) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir.resolve(ChronicleCheckpointStore.LOCK_FILE));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new StorageException(
          "cannot delete the files of workflow '" + workflowId + "': " + e, e);
    } finally {
      close();
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      outputs.close();
    } finally {
      store.release(this, lock);
    }
  }
}
