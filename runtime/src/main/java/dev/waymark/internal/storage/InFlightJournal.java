package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A workflow's small memory-mapped file that survives the death of its process: which task attempts
 * are running, and how many records were committed (the witness that recovery checks the record
 * maps against: a map that holds fewer was damaged or replaced by an older copy).
 *
 * <p>A 32-byte header (magic, format version, the hash of the workflow id it belongs to, the
 * committed-record count), then a 16-byte slot per running task chain: {@code task + 1}, then the
 * attempt number and a check of both. A slot is filled as one aligned store of the attempt and its
 * check, then one of the task, so a kill leaves it empty or whole; a slot whose check fails was
 * damaged after the fact. The next process to claim the workflow reads the slots left filled: those
 * attempts died with the process and count as failed.
 */
final class InFlightJournal {
  private static final int MAGIC = 0x574d4946; // "WMIF"
  private static final int HEADER = 32;
  private static final int OWNER_OFFSET = 8;
  private static final int WITNESS_OFFSET = 16;
  private static final int SLOT = 16;

  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final MappedByteBuffer buffer;
  private final int slots;

  private InFlightJournal(MappedByteBuffer buffer, int slots) {
    this.buffer = buffer;
    this.slots = slots;
  }

  /** What a journal file holds: the attempts left running, and the committed-record count. */
  record Contents(Map<Long, Integer> interrupted, long committed) {
    static final Contents NONE = new Contents(Map.of(), -1);
  }

  /**
   * Reads {@code file}, which must belong to the workflow whose id hashes to {@code owner}; {@link
   * Contents#NONE} when there is no such file.
   *
   * @throws CheckpointCorruptedException when it is not this workflow's journal, or damaged
   */
  static Contents read(Path file, long owner) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Contents.NONE;
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e, e);
    }
    ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    if (bytes.length < HEADER || view.getInt(0) != MAGIC) {
      throw new CheckpointCorruptedException(file, "is not a Waymark in-flight journal", null);
    }
    if (view.getInt(4) != FramedFiles.FORMAT_VERSION) {
      throw new CheckpointCorruptedException(
          file,
          "has format version " + view.getInt(4) + ", not " + FramedFiles.FORMAT_VERSION,
          null);
    }
    if (view.getLong(OWNER_OFFSET) != owner) {
      throw new CheckpointCorruptedException(
          file, "belongs to another workflow (it was copied or moved here)", null);
    }
    Map<Long, Integer> interrupted = new HashMap<>();
    for (int at = HEADER; at + SLOT <= bytes.length; at += SLOT) {
      long task = view.getLong(at);
      if (task != 0) {
        long attempt = view.getLong(at + 8);
        if ((int) attempt != check(task, (int) (attempt >>> 32))) {
          throw new CheckpointCorruptedException(
              file, "holds a damaged slot at byte " + at + " (its check does not match)", null);
        }
        interrupted.merge(task - 1, (int) (attempt >>> 32), Math::max);
      }
    }
    return new Contents(Map.copyOf(interrupted), view.getLong(WITNESS_OFFSET));
  }

  /**
   * Opens {@code file} empty, with {@code slots} slots, for the workflow whose id hashes to {@code
   * owner}, counting {@code committed} records so far.
   */
  static InFlightJournal open(Path file, int slots, long owner, long committed, boolean force) {
    // Made whole under a temporary name, then renamed over the old one: a kill at any moment
    // leaves the old journal or the new one, never a file whose header was not written yet.
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      MappedByteBuffer buffer =
          channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + (long) slots * SLOT);
      buffer.order(ByteOrder.nativeOrder());
      buffer.putInt(0, MAGIC);
      buffer.putInt(4, FramedFiles.FORMAT_VERSION);
      buffer.putLong(OWNER_OFFSET, owner);
      buffer.putLong(WITNESS_OFFSET, committed);
      if (force) {
        buffer.force();
      }
      CrashPoints.reached("journal-made");
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      if (force) {
        FramedFiles.forceDirectory(file.getParent());
      }
      return new InFlightJournal(buffer, slots);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e, e);
    }
  }

  int slots() {
    return slots;
  }

  void mark(int slot, long task, int attempt) {
    int at = HEADER + slot * SLOT;
    LONG.setOpaque(buffer, at + 8, (long) attempt << 32 | (check(task + 1, attempt) & 0xffffffffL));
    LONG.setRelease(buffer, at, task + 1);
  }

  void clear(int slot) {
    LONG.setRelease(buffer, HEADER + slot * SLOT, 0L);
  }

  /** Counts {@code records} more committed records. */
  void committed(int records) {
    LONG.getAndAdd(buffer, WITNESS_OFFSET, (long) records);
  }

  /** How many records were committed, as far as this journal knows. */
  long committed() {
    return (long) LONG.getVolatile(buffer, WITNESS_OFFSET);
  }

  private static int check(long task, int attempt) {
    long h = (task * 0x9E3779B97F4A7C15L) ^ attempt;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ h >>> 29) | 1; // never 0: an empty slot's attempt word is 0
  }
}
