package dev.waymark.internal.storage;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One claimed workflow's files: its DAG and status, its records ({@link OutputMaps}), its events,
 * the in-flight journal and the failed-attempt counts. Holding it is holding the workflow's lock.
 * Every file is tied to the workflow (its checksum covers the workflow's id), so a file copied from
 * another workflow is named, never read as this one's.
 */
final class ChronicleWorkflowStore implements WorkflowStore {
  private static final int ATTEMPTS_MAGIC = 0x574d4154; // WMAT
  private static final String JOURNAL = "inflight.bin";

  private final ChronicleStorage store;
  private final String workflowId;
  private final long owner;
  private final Path dir;
  private final JvmLocks.Held lock;

  private final OutputMaps outputs;
  private final int inFlightSlots;
  private volatile InFlightJournal journal;
  private InFlightJournal.Contents left;
  private boolean closed;

  ChronicleWorkflowStore(
      ChronicleStorage store, String workflowId, Path dir, JvmLocks.Held lock, int inFlightSlots) {
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
  public String location() {
    return dir.toString();
  }

  @Override
  public Dag dag() {
    return dag;
  }

  @Override
  public Status status() {
    return status;
  }

  @Override
  public Values values() {
    return outputs;
  }

  @Override
  public Events events() {
    return events;
  }

  @Override
  public Attempts attempts() {
    return attempts;
  }

  @Override
  public Storage.Shapes shapes() {
    return store.shapes();
  }

  private final Dag dag =
      new Dag() {
        @Override
        public Payload read() {
          return ChronicleStorage.readDag(dir, workflowId);
        }

        @Override
        public Path file() {
          return dir.resolve(ChronicleStorage.DAG_FILE);
        }

        @Override
        public void write(byte[] bytes) {
          FramedFiles.write(
              dir.resolve(ChronicleStorage.DAG_FILE),
              ChronicleStorage.DAG_MAGIC,
              owner,
              bytes,
              store.forces());
        }
      };

  private final Status status =
      new Status() {
        @Override
        public StatusRecord read() {
          return ChronicleStorage.readStatus(dir, workflowId);
        }

        @Override
        public void write(StatusRecord record) {
          ChronicleStorage.writeStatus(dir, workflowId, record, store.forces());
        }
      };

  private final Events events =
      new Events() {
        @Override
        public byte[] read(String key) {
          return FramedFiles.read(
              dir.resolve("events").resolve(key + ".bin"),
              ChronicleStorage.EVENT_MAGIC,
              ChronicleStorage.eventTie(workflowId, key),
              "event");
        }

        @Override
        public void delete(String key) {
          try {
            Files.deleteIfExists(dir.resolve("events").resolve(key + ".bin"));
            Files.deleteIfExists(ChronicleStorage.expectationFile(dir, key));
          } catch (IOException e) {
            throw new StorageException("cannot remove event '" + key + "': " + e, e);
          }
        }

        @Override
        public void expect(String key, String typeName) {
          Path file = ChronicleStorage.expectationFile(dir, key);
          if (!Files.exists(file)) {
            ChronicleStorage.createPrivateDirectories(file.getParent());
            FramedFiles.write(
                file,
                ChronicleStorage.EXPECT_MAGIC,
                ChronicleStorage.eventTie(workflowId, key),
                typeName.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                store.forces());
          }
        }
      };

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

  private final Attempts attempts =
      new Attempts() {
        @Override
        public Map<Long, Integer> interrupted() {
          return left().interrupted();
        }

        @Override
        public int slots() {
          return inFlightSlots;
        }

        @Override
        public void mark(int slot, long task, int attempt) {
          journal().mark(slot, task, attempt);
        }

        @Override
        public void clear(int slot) {
          journal().clear(slot);
        }

        @Override
        public Map<Long, Failures> readFailed() {
          return readFailedAttempts();
        }

        @Override
        public void writeFailed(Map<Long, Failures> counts) {
          writeFailedAttempts(counts);
        }
      };

  // attempts.bin: the count of entries, then per entry the task key and its last failed attempt;
  // then, optional (files written before it have none), the same count and each entry's crashes.
  private Map<Long, Failures> readFailedAttempts() {
    Path file = dir.resolve("attempts.bin");
    byte[] bytes = FramedFiles.read(file, ATTEMPTS_MAGIC, owner, "attempts");
    Map<Long, Failures> counts = new LinkedHashMap<>();
    if (bytes != null) {
      try (Input in = new Input(bytes)) {
        int count = in.readVarInt(true);
        for (int i = 0; i < count; i++) {
          counts.put(in.readLong(), new Failures(in.readVarInt(true), 0));
        }
        if (in.position() < bytes.length && in.readVarInt(true) == count) {
          for (Map.Entry<Long, Failures> entry : counts.entrySet()) {
            entry.setValue(new Failures(entry.getValue().attempts(), in.readVarInt(true)));
          }
        }
      } catch (KryoException e) {
        throw new CheckpointCorruptedException(file, "cannot be decoded: " + e.getMessage(), e);
      }
    }
    return counts;
  }

  private void writeFailedAttempts(Map<Long, Failures> counts) {
    List<Map.Entry<Long, Failures>> entries = List.copyOf(counts.entrySet());
    Output out = new Output(64, -1);
    out.writeVarInt(entries.size(), true);
    for (Map.Entry<Long, Failures> entry : entries) {
      out.writeLong(entry.getKey());
      out.writeVarInt(entry.getValue().attempts(), true);
    }
    out.writeVarInt(entries.size(), true);
    for (Map.Entry<Long, Failures> entry : entries) {
      out.writeVarInt(entry.getValue().crashes(), true);
    }
    FramedFiles.write(
        dir.resolve("attempts.bin"), ATTEMPTS_MAGIC, owner, out.toBytes(), store.forces());
  }

  // ---- what a migration into segments reads (Migration)

  /** Passes every task value, verified, to {@code action}. */
  void forEachValue(java.util.function.BiConsumer<Long, Payload> action) {
    outputs.forEach(action);
  }

  /** The events that arrived, by key, verified. */
  Map<String, byte[]> arrivedEvents() {
    Map<String, byte[]> arrived = new LinkedHashMap<>();
    for (String key : eventKeys(".bin")) {
      arrived.put(key, events.read(key));
    }
    return arrived;
  }

  /** The events tasks wait for: key to the type's name. */
  Map<String, String> expectedEvents() {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String key : eventKeys(".expect")) {
      expected.put(key, store.readEventExpectation(workflowId, key));
    }
    return expected;
  }

  private List<String> eventKeys(String suffix) {
    Path events = dir.resolve("events");
    if (!Files.isDirectory(events)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = Files.list(events)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(suffix))
          .map(name -> name.substring(0, name.length() - suffix.length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StorageException("cannot list " + events + ": " + e, e);
    }
  }

  /** Whether a cancel was requested that no run took yet. */
  boolean cancelRequested() {
    return Files.exists(dir.resolve(ChronicleStorage.CANCEL_FILE));
  }

  @Override
  public void deleteAll() {
    outputs.close();
    // First out of the namespace, in one atomic rename: a reader listing or reading the workflow
    // meanwhile sees all of it or nothing, never a half-deleted one. The lock moves along, held.
    Path doomed =
        dir.resolveSibling(ChronicleStorage.DELETED_PREFIX + workflowId + "-" + System.nanoTime());
    try {
      Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      close();
      throw new StorageException(
          "cannot delete the files of workflow '" + workflowId + "': " + e, e);
    }
    ChronicleStorage.deleteTree(doomed, workflowId);
    close();
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
