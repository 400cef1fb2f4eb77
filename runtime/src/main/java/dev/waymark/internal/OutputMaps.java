package dev.waymark.internal;

import dev.waymark.CheckpointCorruptedException;
import dev.waymark.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * A claimed workflow's records, in Chronicle Map files {@code outputs-N.cmap} keyed by record key;
 * each value is {@code [kind][crc32c][start][end][payload]}. A value too large for a map entry goes
 * to its own framed file first and the map entry, put last, publishes it. When a map is full the
 * next record goes to a new, larger map, so a workflow has no capacity limit.
 *
 * <p>The {@code maps.open} marker exists while a process has the maps open: finding it at open time
 * means that process died, so the maps are recovered ({@code recoverPersistedTo}) before use, which
 * clears the locks a dead process left inside them. The claim makes that access exclusive. The maps
 * open on first use.
 */
final class OutputMaps {
  static final int BLOB_MAGIC = 0x574d424c; // "WMBL"

  /** Outputs larger than this are stored in their own file. */
  static final int INLINE_LIMIT = 4096;

  private static final byte INLINE = 1;
  private static final byte BLOB = 2;

  /** kind (1), CRC-32C (4) of what follows, start and end times (8 + 8), then the payload. */
  private static final int VALUE_HEADER = 21;

  private static final int CRC_FROM = 5;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final String MARKER = "maps.open";

  /** Chronicle Map files start with a magic word, a length, then the map's class name. */
  private static final int CHRONICLE_HEADER_OFFSET = 12;

  private static final byte[] CHRONICLE_HEADER =
      "!net.openhft.chronicle.map.VanillaChronicleMap".getBytes(StandardCharsets.US_ASCII);

  private final ChronicleCheckpointStore store;
  private final String workflowId;
  private final Path dir;

  /** Oldest first; records are written to the last one. */
  private final List<OutputMap> maps = new CopyOnWriteArrayList<>();

  private volatile boolean mapsOpen;
  private boolean closed;

  /** Whether records were put or removed since the last {@link #force}. */
  private volatile boolean dirty;

  /** Whether the storage forces records to the device: only then is {@link #dirty} kept. */
  private final boolean forces;

  /** The entries of a workflow's first map unless it expects more records. */
  static final long DEFAULT_ENTRIES = 2048;

  private long expectedRecords = DEFAULT_ENTRIES;

  private record OutputMap(Path file, ChronicleMap<Long, byte[]> map, long entries) {}

  OutputMaps(ChronicleCheckpointStore store, String workflowId, Path dir) {
    this.store = store;
    this.workflowId = workflowId;
    this.dir = dir;
    this.forces = store.forces();
  }

  /** Sizes the first map, when it is created after this. */
  void expectRecords(long count) {
    this.expectedRecords = Math.max(DEFAULT_ENTRIES, count + count / 4);
  }

  boolean contains(long task) {
    Long key = task;
    for (OutputMap output : openMaps()) {
      if (output.map().containsKey(key)) {
        return true;
      }
    }
    return false;
  }

  CheckpointStore.Payload read(long task) {
    Long key = task;
    List<OutputMap> all = openMaps();
    for (int i = all.size() - 1; i >= 0; i--) {
      OutputMap output = all.get(i);
      byte[] value = output.map().get(key);
      if (value != null) {
        return decode(output.file(), task, value);
      }
    }
    return null;
  }

  private CheckpointStore.Payload decode(Path file, long task, byte[] value) {
    if (value.length < VALUE_HEADER) {
      throw new CheckpointCorruptedException(
          file, "holds a truncated record for key " + task, null);
    }
    int crc =
        (value[1] & 0xff) << 24
            | (value[2] & 0xff) << 16
            | (value[3] & 0xff) << 8
            | (value[4] & 0xff);
    if (FramedFiles.crc(value, CRC_FROM, value.length - CRC_FROM) != crc) {
      throw new CheckpointCorruptedException(
          file, "holds a damaged output for task #" + task + " (checksum mismatch)", null);
    }
    if (value[0] == INLINE) {
      return new CheckpointStore.Payload(
          value,
          VALUE_HEADER,
          value.length - VALUE_HEADER,
          (long) LONGS.get(value, 5),
          (long) LONGS.get(value, 13),
          file);
    }
    if (value[0] == BLOB) {
      Path blob = blobFile(task);
      byte[] bytes = FramedFiles.read(blob, BLOB_MAGIC, "output");
      if (bytes == null) {
        throw new CheckpointCorruptedException(
            blob, "is missing: the output of task #" + task + " was stored there", null);
      }
      return new CheckpointStore.Payload(
          bytes, 0, bytes.length, (long) LONGS.get(value, 5), (long) LONGS.get(value, 13), blob);
    }
    throw new CheckpointCorruptedException(
        file, "holds an output of unknown kind " + value[0] + " for task #" + task, null);
  }

  void write(long task, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
    byte[] value;
    if (length <= INLINE_LIMIT) {
      value = new byte[VALUE_HEADER + length];
      value[0] = INLINE;
      System.arraycopy(bytes, offset, value, VALUE_HEADER, length);
    } else {
      byte[] copy = new byte[length];
      System.arraycopy(bytes, offset, copy, 0, length);
      store.checkSpace(blobFile(task), length);
      FramedFiles.write(blobFile(task), BLOB_MAGIC, copy, forces);
      value = new byte[VALUE_HEADER];
      value[0] = BLOB;
    }
    LONGS.set(value, 5, startMillis);
    LONGS.set(value, 13, endMillis);
    int crc = FramedFiles.crc(value, CRC_FROM, value.length - CRC_FROM);
    value[1] = (byte) (crc >>> 24);
    value[2] = (byte) (crc >>> 16);
    value[3] = (byte) (crc >>> 8);
    value[4] = (byte) crc;
    put(task, value);
  }

  void delete(long key) {
    Long boxed = key;
    for (OutputMap output : openMaps()) {
      output.map().remove(boxed);
    }
    if (forces) {
      dirty = true;
    }
    try {
      Files.deleteIfExists(blobFile(key));
    } catch (IOException e) {
      throw new StorageException("cannot delete " + blobFile(key) + ": " + e, e);
    }
  }

  private void put(long task, byte[] value) {
    List<OutputMap> all = openMaps();
    OutputMap current = all.get(all.size() - 1);
    store.checkSpace(current.file(), value.length);
    try {
      current.map().put(task, value);
    } catch (IllegalStateException | IllegalArgumentException full) {
      // The map's fixed capacity is spent (Chronicle: "extra segment tier" / "Entry is too large"):
      // continue in a new, larger map.
      OutputMap next = rollOver(current);
      try {
        next.map().put(task, value);
      } catch (RuntimeException | InternalError e) {
        throw cannotStore(next, task, e);
      }
    } catch (RuntimeException | InternalError e) {
      // InternalError: the JVM's report of a fault in a memory-mapped page (SIGBUS), which is how
      // a full device shows when a map grows into space the file system cannot give it.
      throw cannotStore(current, task, e);
    }
    if (forces) {
      dirty = true; // after the put: a force that clears the flag before it syncs covers this put
    }
  }

  /**
   * A put that failed may have left part of its entry: it is removed (a full device still allows
   * that), so the task is simply not stored and runs again on resume.
   */
  private static StorageException cannotStore(OutputMap output, long task, Throwable e) {
    try {
      output.map().remove(task);
    } catch (RuntimeException | InternalError suppressed) {
      e.addSuppressed(suppressed); // a damaged entry left behind fails its checksum when read
    }
    return new StorageException(
        "cannot store the record of task #" + task + " in " + output.file() + ": " + rootCause(e),
        e);
  }

  /** The innermost cause's message: Chronicle wraps the I/O error that says what happened. */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  void force() {
    if (!dirty) {
      return;
    }
    dirty = false;
    openMaps();
    forceMaps();
  }

  private void forceMaps() {
    for (OutputMap output : maps) {
      try (FileChannel channel = FileChannel.open(output.file(), StandardOpenOption.READ)) {
        channel.force(false);
      } catch (IOException e) {
        dirty = true;
        throw new StorageException("cannot force " + output.file() + " to the device: " + e, e);
      }
    }
  }

  private synchronized OutputMap rollOver(OutputMap full) {
    OutputMap last = maps.get(maps.size() - 1);
    if (last != full) {
      return last; // another thread rolled over already
    }
    OutputMap next = createMap(mapNumber(full.file()) + 1, full.entries() * 2);
    maps.add(next);
    return next;
  }

  private Path blobFile(long task) {
    return dir.resolve("output-" + Long.toHexString(task) + ".bin");
  }

  private List<OutputMap> openMaps() {
    if (!mapsOpen) {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException(
              "the claim on workflow '" + workflowId + "' was released");
        }
        if (!mapsOpen) {
          openExistingMaps();
          mapsOpen = true;
        }
      }
    }
    return maps;
  }

  private void openExistingMaps() {
    Path marker = dir.resolve(MARKER);
    boolean recover = Files.exists(marker);
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().matches("outputs-\\d+\\.cmap"))
              .sorted(Comparator.comparingInt(OutputMaps::mapNumber))
              .toList();
      Files.write(marker, new byte[0]);
    } catch (IOException e) {
      throw new StorageException("cannot open the files of workflow '" + workflowId + "': " + e, e);
    }
    for (Path file : files) {
      maps.add(openMap(file, recover));
    }
    if (recover && forces && !files.isEmpty()) {
      // What the process that died wrote may not be on the device yet: force it before any step
      // relies on it.
      forceMaps();
    }
    if (maps.isEmpty()) {
      maps.add(createMap(0, expectedRecords));
    }
  }

  private static int mapNumber(Path file) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring("outputs-".length(), name.length() - ".cmap".length()));
  }

  private OutputMap openMap(Path file, boolean recover) {
    checkHeader(file);
    try {
      ChronicleMapBuilder<Long, byte[]> builder = builder(1024);
      ChronicleMap<Long, byte[]> map =
          recover
              ? builder.recoverPersistedTo(file.toFile(), true)
              : builder.createPersistedTo(file.toFile());
      return new OutputMap(file, map, map.size() + 1024);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointCorruptedException(
          file,
          "cannot be opened as a Waymark output map (damaged or foreign): " + e.getMessage(),
          e);
    }
  }

  /**
   * Chronicle may wait a minute for a lock word in a file it does not recognise; a file whose
   * self-describing header does not name a Chronicle map is refused at once instead.
   */
  private static void checkHeader(Path file) {
    byte[] head = new byte[CHRONICLE_HEADER_OFFSET + CHRONICLE_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e, e);
    }
    byte[] name = Arrays.copyOfRange(head, CHRONICLE_HEADER_OFFSET, head.length);
    if (read < head.length || !Arrays.equals(name, CHRONICLE_HEADER)) {
      throw new CheckpointCorruptedException(
          file, "is not a Waymark output map (damaged or foreign)", null);
    }
  }

  private OutputMap createMap(int number, long entries) {
    Path file = dir.resolve("outputs-" + number + ".cmap");
    store.checkSpace(file, 0);
    ChronicleMap<Long, byte[]> map = null;
    try {
      map = entries == DEFAULT_ENTRIES ? fromTemplate(file) : null;
      if (map == null) {
        map = builder(entries).createPersistedTo(file.toFile());
      }
      if (forces) {
        FramedFiles.forceDirectory(dir);
      }
      return new OutputMap(file, map, entries);
    } catch (IOException | RuntimeException e) {
      // A full device, typically: remove what was made of the file so that it does not read as a
      // damaged map later, and leave the workflow as it was.
      if (map != null) {
        map.close();
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new StorageException("cannot create " + file + ": " + rootCause(e), e);
    }
  }

  /**
   * A new map of the default size, as a copy of the store's empty template: Chronicle forces a map
   * it creates to the device (msync), which costs milliseconds per workflow; a copy of a file the
   * page cache holds costs microseconds, and opening it as an existing map skips that sync. Null
   * when there is no usable template (then the map is created).
   */
  private ChronicleMap<Long, byte[]> fromTemplate(Path file) {
    Path template = store.emptyMapTemplate();
    if (template == null) {
      return null;
    }
    try {
      Files.copy(template, file);
      checkHeader(file); // Chronicle may wait a minute on a damaged one
      return builder(DEFAULT_ENTRIES).createPersistedTo(file.toFile());
    } catch (IOException | RuntimeException e) {
      store.dropEmptyMapTemplate(template); // e.g. written by another Chronicle version
      try {
        Files.deleteIfExists(file);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      return null;
    }
  }

  /** Writes the empty map that {@link #fromTemplate} copies to {@code file}. */
  static void writeEmptyMap(Path file) throws IOException {
    builder(DEFAULT_ENTRIES).createPersistedTo(file.toFile()).close();
  }

  private static ChronicleMapBuilder<Long, byte[]> builder(long entries) {
    return ChronicleMapBuilder.of(Long.class, byte[].class)
        .name("waymark-outputs")
        .entries(entries)
        .averageValueSize(24)
        .maxBloatFactor(4);
  }

  /** Closes the maps; the {@code maps.open} marker goes with them. */
  synchronized void close() {
    closed = true;
    if (!mapsOpen) {
      return;
    }
    for (OutputMap output : maps) {
      output.map().close();
    }
    maps.clear();
    mapsOpen = false;
    try {
      Files.deleteIfExists(dir.resolve(MARKER));
    } catch (IOException e) {
      throw new StorageException("cannot remove " + dir.resolve(MARKER) + ": " + e, e);
    }
  }
}
