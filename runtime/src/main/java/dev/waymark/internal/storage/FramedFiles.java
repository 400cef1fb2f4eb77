package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Small files written whole and atomically (a temporary file renamed over the target), framed with
 * a magic number, a format version, the length and a CRC-32C, so that a torn, truncated, foreign or
 * newer file is recognised and named instead of being read.
 */
final class FramedFiles {
  /**
   * The storage format: 2 since recorded DAGs carry the shape of each step they use (format 1 DAGs
   * cannot be checked against changed code, so they are not read).
   */
  static final int FORMAT_VERSION = 2;

  private static final int HEADER = 16;

  private FramedFiles() {}

  /**
   * Writes {@code payload} to {@code file} so that readers see the old file or the new one; with
   * {@code force}, the new file and its directory entry are on the device when this returns.
   */
  static void write(Path file, int magic, byte[] payload, boolean force) {
    write(file, magic, 0, payload, force);
  }

  /**
   * Like {@link #write(Path, int, byte[], boolean)}, with the checksum seeded with {@code tie} (a
   * hash of what the file belongs to: a workflow, an event): read with another tie, the file fails
   * its checksum, so a file copied from elsewhere is never read as this one.
   */
  static void write(Path file, int magic, long tie, byte[] payload, boolean force) {
    write(file, magic, FORMAT_VERSION, tie, payload, force);
  }

  /** Like {@link #write(Path, int, long, byte[], boolean)}, marked with format {@code version}. */
  static void write(Path file, int magic, int version, long tie, byte[] payload, boolean force) {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
    buffer
        .putInt(magic)
        .putInt(version)
        .putInt(payload.length)
        .putInt(crc(tie, payload, 0, payload.length));
    buffer.put(payload);
    // A name of its own per write: two writers of one file never share a temporary file.
    Path temp =
        file.resolveSibling(
            file.getFileName()
                + "."
                + Thread.currentThread().getId()
                + "."
                + System.nanoTime()
                + ".tmp");
    try {
      if (force) {
        try (FileChannel channel =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          channel.force(true);
        }
      } else {
        Files.write(temp, buffer.array());
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (force) {
        forceDirectory(file.getParent());
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StorageException("cannot write " + file + ": " + e, e);
    }
  }

  /** Forces {@code dir}'s entries (a created, renamed or deleted file) to the device. */
  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the next claim sweeps temporary files
    }
  }

  /** The payload of {@code file}, or null when it does not exist. */
  static byte[] read(Path file, int magic, String what) {
    return read(file, magic, 0, what);
  }

  /** The payload of {@code file} written with {@code tie}, or null when it does not exist. */
  static byte[] read(Path file, int magic, long tie, String what) {
    return read(file, magic, FORMAT_VERSION, tie, what);
  }

  /**
   * The format version in {@code file}'s header, or 0 when the file does not exist; a file too
   * short for a header reads as 0 too, and is named by a {@code read}.
   */
  static int version(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(8);
      while (header.hasRemaining() && channel.read(header) >= 0) {
        // until the header is read or the file ends
      }
      return header.hasRemaining() ? 0 : header.getInt(4);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e, e);
    }
  }

  /** Like {@link #read(Path, int, long, String)}, for a file of format {@code expected}. */
  static byte[] read(Path file, int magic, int expected, long tie, String what) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e, e);
    }
    if (all.length < HEADER) {
      throw new CheckpointCorruptedException(file, "is truncated (" + all.length + " bytes)", null);
    }
    ByteBuffer buffer = ByteBuffer.wrap(all);
    if (buffer.getInt() != magic) {
      throw new CheckpointCorruptedException(file, "is not a Waymark " + what + " file", null);
    }
    int version = buffer.getInt();
    if (version < 1 || version > expected + 1000) {
      throw new CheckpointCorruptedException(file, "has a damaged header", null);
    }
    if (version != expected) {
      throw new CheckpointCorruptedException(
          file,
          "has format version "
              + version
              + "; this Waymark reads version "
              + expected
              + (version > expected
                  ? " (written by a newer Waymark: upgrade to read it)"
                  : " (written by an older Waymark, whose format this one does not read: finish"
                      + " its workflows with that version, or move the storage directory away and"
                      + " start a new one)"),
          null);
    }
    int length = buffer.getInt();
    int checksum = buffer.getInt();
    if (length != all.length - HEADER) {
      throw new CheckpointCorruptedException(
          file,
          "is truncated or padded: header says "
              + length
              + " bytes, file has "
              + (all.length - HEADER),
          null);
    }
    if (crc(tie, all, HEADER, length) != checksum) {
      throw new CheckpointCorruptedException(
          file,
          tie == 0
              ? "fails its checksum: its bytes were damaged"
              : "fails its checksum: its bytes were damaged, or it was copied from elsewhere",
          null);
    }
    byte[] payload = new byte[length];
    System.arraycopy(all, HEADER, payload, 0, length);
    return payload;
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  private static int crc(long tie, byte[] bytes, int offset, int length) {
    if (tie == 0) {
      return crc(bytes, offset, length);
    }
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putLong(tie).array());
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
