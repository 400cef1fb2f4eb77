package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * How a task value is kept in a map entry: {@code [kind][crc32c][start][end][payload]}, the
 * checksum covering the workflow's id (by its hash, the seed) and the record's key too, so that a
 * record copied into another workflow, or under another key, is refused. A value larger than {@link
 * #INLINE_LIMIT} is kept in a framed file of its own (a blob), and the entry holds its checksum.
 */
final class RecordCodec {
  static final int BLOB_MAGIC = 0x574d424c; // "WMBL"

  /** Outputs larger than this are stored in their own file. */
  static final int INLINE_LIMIT = 4096;

  static final byte INLINE = 1;
  static final byte BLOB = 2;

  /** kind (1), CRC-32C (4) of what follows, start and end times (8 + 8), then the payload. */
  static final int VALUE_HEADER = 21;

  private static final int CRC_FROM = 5;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private RecordCodec() {}

  /** Where a blob is kept, and how it is written: the storage's space check and force. */
  interface Blobs {
    Path file(long key);

    void write(Path file, byte[] bytes);
  }

  /** The map entry for a value; a large one is written to its blob first. */
  static byte[] encode(
      long seed,
      long key,
      long startMillis,
      long endMillis,
      byte[] bytes,
      int offset,
      int length,
      Blobs blobs) {
    byte[] value;
    if (length <= INLINE_LIMIT) {
      value = new byte[VALUE_HEADER + length];
      value[0] = INLINE;
      System.arraycopy(bytes, offset, value, VALUE_HEADER, length);
    } else {
      byte[] copy = new byte[length];
      System.arraycopy(bytes, offset, copy, 0, length);
      blobs.write(blobs.file(key), copy);
      value = new byte[VALUE_HEADER + 4];
      value[0] = BLOB;
      INTS.set(value, VALUE_HEADER, crc(seed, key, copy, 0, copy.length));
    }
    LONGS.set(value, 5, startMillis);
    LONGS.set(value, 13, endMillis);
    INTS.set(value, 1, crc(seed, key, value, CRC_FROM, value.length - CRC_FROM));
    return value;
  }

  /** Whether one map entry's header and checksum hold, without reading a blob it points to. */
  static boolean intact(long seed, long key, byte[] value) {
    return value.length >= VALUE_HEADER
        && crc(seed, key, value, CRC_FROM, value.length - CRC_FROM) == (int) INTS.get(value, 1);
  }

  /**
   * The value a map entry of {@code file} holds under {@code key}, verified.
   *
   * @throws CheckpointCorruptedException when it, or its blob, is damaged or not this record
   */
  static Payload decode(long seed, Path file, long key, byte[] value, Blobs blobs) {
    if (value.length < VALUE_HEADER) {
      throw new CheckpointCorruptedException(file, "holds a truncated record for key " + key, null);
    }
    if (crc(seed, key, value, CRC_FROM, value.length - CRC_FROM) != (int) INTS.get(value, 1)) {
      throw new CheckpointCorruptedException(
          file,
          "holds a damaged record for key #"
              + key
              + " (its checksum does not match: damaged, or copied from another workflow)",
          null);
    }
    long start = (long) LONGS.get(value, 5);
    long end = (long) LONGS.get(value, 13);
    if (value[0] == INLINE) {
      return new Payload(value, VALUE_HEADER, value.length - VALUE_HEADER, start, end, file);
    }
    if (value[0] == BLOB && value.length == VALUE_HEADER + 4) {
      Path blob = blobs.file(key);
      byte[] bytes = FramedFiles.read(blob, BLOB_MAGIC, "output");
      if (bytes == null) {
        throw new CheckpointCorruptedException(
            blob, "is missing: the output of task #" + key + " was stored there", null);
      }
      if (crc(seed, key, bytes, 0, bytes.length) != (int) INTS.get(value, VALUE_HEADER)) {
        throw new CheckpointCorruptedException(
            blob, "is not the output stored for task #" + key + " (replaced or copied)", null);
      }
      return new Payload(bytes, 0, bytes.length, start, end, blob);
    }
    throw new CheckpointCorruptedException(
        file, "holds a record of unknown kind " + value[0] + " for key #" + key, null);
  }

  /** The CRC-32C of {@code length} bytes of {@code bytes}, seeded with the workflow and key. */
  private static int crc(long seed, long key, byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    byte[] tie = new byte[16];
    LONGS.set(tie, 0, seed);
    LONGS.set(tie, 8, key);
    crc.update(tie, 0, 16);
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
