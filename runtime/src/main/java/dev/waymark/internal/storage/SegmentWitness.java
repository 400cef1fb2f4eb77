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
 * How many write-once records a segment's {@code records} maps hold, counted in a small
 * memory-mapped file as they are put (after the put) and removed (before the removal): maps that
 * hold fewer were damaged, deleted or replaced by an older copy, which is named, never taken for
 * steps that have not run. More is what a kill between a put and its count leaves.
 */
final class SegmentWitness {
  private static final int MAGIC = 0x574d5754; // "WMWT"
  private static final int SIZE = 16;

  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final Path file;
  private final MappedByteBuffer buffer;

  private SegmentWitness(Path file, MappedByteBuffer buffer) {
    this.file = file;
    this.buffer = buffer;
  }

  /**
   * Opens the count of a segment whose records maps hold {@code held} records; a new one when
   * {@code fresh} (no records map was ever made).
   *
   * @throws CheckpointCorruptedException when it is missing or damaged, or the maps hold fewer
   */
  static SegmentWitness open(Path file, long held, boolean fresh, Path newestMap) {
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
        buffer.putLong(8, 0);
      } else if (buffer.getInt(0) != MAGIC || buffer.getInt(4) != FramedFiles.FORMAT_VERSION) {
        throw new CheckpointCorruptedException(file, "is not a Waymark record count", null);
      }
      long committed = buffer.getLong(8);
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
      return new SegmentWitness(file, buffer);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e, e);
    }
  }

  void add(long records) {
    LONG.getAndAdd(buffer, 8, records);
  }

  void force() {
    buffer.force();
  }

  Path file() {
    return file;
  }
}
