package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a segment must hold, counted in a small memory-mapped file as it is written: how many
 * write-once records its {@code records} maps hold (counted after the put, and before the removal),
 * and how many bytes of whole records its log holds (after the append). Maps that hold fewer
 * records, or a log shorter than counted, were damaged, deleted or replaced by an older copy, which
 * is named, never taken for steps that have not run or workflows that do not exist. More is what a
 * kill between a write and its count leaves.
 */
final class SegmentWitness {
  private static final int MAGIC = 0x574d5754; // "WMWT"
  private static final int SIZE = 24; // magic, version, records, log bytes
  private static final int RECORDS = 8;
  private static final int LOG = 16;

  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final Path file;
  private final MappedByteBuffer buffer;

  private SegmentWitness(Path file, MappedByteBuffer buffer) {
    this.file = file;
    this.buffer = buffer;
  }

  /**
   * Opens the counts of a segment; new ones when {@code fresh} (the segment holds nothing yet).
   *
   * @throws CheckpointCorruptedException when they are missing or damaged
   */
  static SegmentWitness open(Path file, boolean fresh) {
    boolean exists = Files.exists(file);
    if (!exists && !fresh) {
      throw new CheckpointCorruptedException(
          file,
          "is missing, though the segment has records: nothing can tell whether they are all"
              + " there",
          null);
    }
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
      buffer.order(ByteOrder.nativeOrder());
      if (!exists || buffer.getInt(0) == 0) {
        buffer.putInt(0, MAGIC);
        buffer.putInt(4, FramedFiles.FORMAT_VERSION);
        buffer.putLong(RECORDS, 0);
        buffer.putLong(LOG, 0);
      } else if (buffer.getInt(0) != MAGIC || buffer.getInt(4) != FramedFiles.FORMAT_VERSION) {
        throw new CheckpointCorruptedException(file, "is not a Waymark record count", null);
      }
      return new SegmentWitness(file, buffer);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e, e);
    }
  }

  /**
   * Checks that the log holds {@code whole} bytes of whole records at least.
   *
   * @throws CheckpointCorruptedException when it holds fewer
   */
  void checkLog(long whole, Path log) {
    long written = logCount();
    if (whole < written) {
      throw new CheckpointCorruptedException(
          log,
          "holds "
              + whole
              + " bytes of whole records, but "
              + written
              + " were written by "
              + file
              + ": records were lost (the log was truncated, deleted, damaged or replaced by an"
              + " older copy, or the count was damaged); no workflow it named is taken for one that"
              + " does not exist",
          null);
    }
  }

  /** How many bytes of whole records the log held when last counted. */
  long logCount() {
    return (long) LONG.getVolatile(buffer, LOG);
  }

  /** The log holds {@code whole} bytes of whole records now. */
  void logWritten(long whole) {
    LONG.setRelease(buffer, LOG, whole);
  }

  /**
   * Checks that the records maps hold {@code held} records at least; {@code newestMap} is named
   * when they hold fewer.
   *
   * @throws CheckpointCorruptedException when they hold fewer
   */
  void checkRecords(long held, Path newestMap) {
    long committed = (long) LONG.getVolatile(buffer, RECORDS);
    if (held < committed) {
      throw new CheckpointCorruptedException(
          newestMap,
          "and the segment's other record maps hold "
              + held
              + " records, but "
              + committed
              + " were committed: records were lost (a map was damaged, deleted or replaced by"
              + " an older copy); nothing stored is taken for a step that has not run",
          null);
    }
  }

  void add(long records) {
    LONG.getAndAdd(buffer, RECORDS, records);
  }

  void force() {
    buffer.force();
  }

  Path file() {
    return file;
  }
}
