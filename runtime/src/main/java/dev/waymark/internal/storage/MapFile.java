package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * One Chronicle Map file of Long keys and byte[] values, made and opened so that no kill, at any
 * moment, leaves Chronicle waiting: a map is made under a temporary name and renamed into place
 * once complete, so a map file under its own name was always complete once; and before Chronicle
 * opens a file, its self-describing header is checked here. Chronicle marks a header "not complete"
 * while it creates or recovers a map and would wait a minute for a mark that a killed process never
 * writes: a header whose content is intact (its checksum holds) is marked complete here and the map
 * recovered; anything else is named as damaged.
 */
final class MapFile {
  /** Chronicle's header: a checksum (8 bytes), a size word (4), then the header's text. */
  private static final int SIZE_WORD_OFFSET = 8;

  private static final int TEXT_OFFSET = 12;
  private static final int NOT_COMPLETE = 0x80000000;
  private static final int SIZE_MASK = (1 << 30) - 1;
  private static final int MAX_HEADER = 16 << 10;

  private static final byte[] MAP_CLASS =
      "!net.openhft.chronicle.map.VanillaChronicleMap".getBytes(StandardCharsets.US_ASCII);

  private MapFile() {}

  static ChronicleMapBuilder<Long, byte[]> builder(long entries) {
    return ChronicleMapBuilder.of(Long.class, byte[].class)
        .name("waymark-records")
        .entries(entries)
        .averageValueSize(24)
        .maxBloatFactor(4);
  }

  /**
   * Makes {@code file}, a map of {@code entries} entries, as a copy of {@code template} when given
   * (a copy of a file in the page cache costs microseconds, Chronicle's own creation forces the
   * file to the device), else with Chronicle, under a temporary name first, then renamed. Returns
   * it open.
   */
  static ChronicleMap<Long, byte[]> create(
      Path file, long entries, Template template, boolean force) throws IOException {
    Path temp =
        file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(temp);
    try {
      if (template != null) {
        copy(template, temp);
      } else {
        builder(entries).createPersistedTo(temp.toFile()).close();
      }
      CrashPoints.reached("map-created");
      if (force) {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file);
      }
      if (force) {
        FramedFiles.forceDirectory(file.getParent());
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return open(file, entries, false);
  }

  /**
   * An empty map that new maps of its size are copies of, with the CRC-32C of its bytes: a template
   * damaged since it was made is never copied.
   */
  record Template(Path file, int crc) {}

  /** Copies in two halves, with a crash point between them (a copy cut short, for tests). */
  private static void copy(Template template, Path temp) throws IOException {
    byte[] bytes = Files.readAllBytes(template.file());
    if (FramedFiles.crc(bytes, 0, bytes.length) != template.crc()) {
      throw new CheckpointCorruptedException(
          template.file(), "fails its checksum: the template map was damaged", null);
    }
    try (FileChannel out =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      buffer.limit(bytes.length / 2);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      CrashPoints.reached("template-copy");
      buffer.limit(bytes.length);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
  }

  /**
   * Opens {@code file}; with {@code recover}, first recovers it (the locks and counters a process
   * that died with the map open left inside it), which needs exclusive access.
   *
   * @throws CheckpointCorruptedException when the file is not an intact Waymark map
   */
  static ChronicleMap<Long, byte[]> open(Path file, long entries, boolean recover) {
    return open(file, builder(entries), recover);
  }

  /** Opens a segment's map of (workflow number, store key) pairs; see {@link #open}. */
  static ChronicleMap<byte[], byte[]> openPairs(Path file, long entries, boolean recover) {
    return open(file, pairBuilder(entries), recover);
  }

  /** Makes a segment's map of pairs, under a temporary name first, then renamed. */
  static ChronicleMap<byte[], byte[]> createPairs(Path file, long entries, boolean force)
      throws IOException {
    Path temp =
        file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(temp);
    try {
      pairBuilder(entries).createPersistedTo(temp.toFile()).close();
      if (force) {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      if (force) {
        FramedFiles.forceDirectory(file.getParent());
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return openPairs(file, entries, false);
  }

  /** A segment's map: 16-byte keys (a workflow's number, then a store key), byte[] values. */
  static ChronicleMapBuilder<byte[], byte[]> pairBuilder(long entries) {
    return ChronicleMapBuilder.of(byte[].class, byte[].class)
        .name("waymark-segment-records")
        .entries(entries)
        .constantKeySizeBySample(new byte[16])
        .averageValueSize(48)
        .maxBloatFactor(4);
  }

  /** A pair key as text: {@code workflow #n, key #k}. */
  static String describePair(byte[] pair) {
    ByteBuffer view = ByteBuffer.wrap(pair);
    return "#" + view.getLong(8) + " of workflow #" + view.getLong(0);
  }

  static <K> ChronicleMap<K, byte[]> open(
      Path file, ChronicleMapBuilder<K, byte[]> builder, boolean recover) {
    boolean cutShort = checkHeader(file);
    try {
      return recover || cutShort
          ? builder.recoverPersistedTo(file.toFile(), false)
          : builder.createPersistedTo(file.toFile());
    } catch (IOException | RuntimeException | InternalError e) {
      throw new CheckpointCorruptedException(
          file,
          "cannot be opened as a Waymark record map (damaged or foreign): " + rootCause(e),
          e);
    }
  }

  /**
   * Checks the header Chronicle reads first; returns whether a creation or recovery was cut short
   * there (the header is intact but not marked complete, which this marks). Chronicle itself would
   * wait a minute on such a file, or on one that is not a map at all.
   */
  private static boolean checkHeader(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(TEXT_OFFSET + MAX_HEADER);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e, e);
    }
    if (head.length < TEXT_OFFSET + MAP_CLASS.length
        || !Arrays.equals(
            Arrays.copyOfRange(head, TEXT_OFFSET, TEXT_OFFSET + MAP_CLASS.length), MAP_CLASS)) {
      throw new CheckpointCorruptedException(
          file, "is not a Waymark record map (damaged or foreign)", null);
    }
    ByteBuffer header = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    int sizeWord = header.getInt(SIZE_WORD_OFFSET);
    int size = sizeWord & SIZE_MASK;
    if (TEXT_OFFSET + size > head.length) {
      throw new CheckpointCorruptedException(file, "has a damaged or truncated header", null);
    }
    // The checksum covers the size word as it is when complete, then the header's text.
    header.putInt(SIZE_WORD_OFFSET, size);
    long checksum = LongHashFunction.xx_r39().hashBytes(head, SIZE_WORD_OFFSET, size + 4);
    if (checksum != header.getLong(0)) {
      throw new CheckpointCorruptedException(
          file, "has a damaged header (its checksum does not match)", null);
    }
    if ((sizeWord & NOT_COMPLETE) == 0) {
      return false;
    }
    ByteBuffer complete = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, size);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(complete, SIZE_WORD_OFFSET);
    } catch (IOException e) {
      throw new StorageException("cannot write " + file + ": " + e, e);
    }
    return true;
  }

  /** The innermost cause's message: Chronicle wraps the error that says what happened. */
  static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }
}
