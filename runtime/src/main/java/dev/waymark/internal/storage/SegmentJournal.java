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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A segment's in-flight journal: which task attempts of which workflows are running, in
 * memory-mapped files that survive the death of the process, so that the next owner counts those
 * attempts as failed. A workflow that starts an attempt takes a block of slots, and gives it back
 * when it is closed.
 *
 * <p>Files {@code inflight-0.bin}, {@code inflight-1.bin}, ... of {@link #BLOCKS_PER_FILE} blocks;
 * a slot is 32 bytes: the workflow's number + 1 (0: empty), the task key + 1, then the attempt and
 * a check of both. A slot is emptied first and its workflow number stored last, so a kill leaves it
 * empty or whole.
 */
final class SegmentJournal implements AutoCloseable {
  static final int BLOCKS_PER_FILE = 16;
  private static final int SLOT = 32;

  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final Path dir;
  private final int slotsPerBlock;
  private final List<MappedByteBuffer> files = new ArrayList<>();
  private final ArrayDeque<Integer> free = new ArrayDeque<>();

  SegmentJournal(Path dir, int slotsPerBlock) {
    this.dir = dir;
    this.slotsPerBlock = slotsPerBlock;
  }

  /**
   * What the journal's files hold: per workflow number, the attempt of each task left running. Read
   * before the journal is opened (and emptied).
   */
  static Map<Long, Map<Long, Integer>> read(Path dir) {
    Map<Long, Map<Long, Integer>> left = new HashMap<>();
    for (int n = 0; Files.exists(file(dir, n)); n++) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file(dir, n));
      } catch (IOException e) {
        throw new StorageException("cannot read " + file(dir, n) + ": " + e, e);
      }
      java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
      for (int at = 0; at + SLOT <= bytes.length; at += SLOT) {
        long number = view.getLong(at);
        if (number == 0) {
          continue;
        }
        long task = view.getLong(at + 8);
        long attempt = view.getLong(at + 16);
        if ((int) attempt != check(number, task, (int) (attempt >>> 32))) {
          throw new CheckpointCorruptedException(
              file(dir, n), "holds a damaged slot at byte " + at + " (its check fails)", null);
        }
        left.computeIfAbsent(number - 1, k -> new HashMap<>())
            .merge(task - 1, (int) (attempt >>> 32), Math::max);
      }
    }
    return left;
  }

  /** Empties the files a previous owner left, for this owner's use. */
  void open() {
    for (int n = 0; Files.exists(file(dir, n)); n++) {
      try {
        Files.delete(file(dir, n));
      } catch (IOException e) {
        throw new StorageException("cannot reset " + file(dir, n) + ": " + e, e);
      }
    }
  }

  /** Takes a free block; returns its number. */
  synchronized int takeBlock() {
    Integer block = free.poll();
    if (block != null) {
      return block;
    }
    int n = files.size();
    long size = (long) BLOCKS_PER_FILE * slotsPerBlock * SLOT;
    try (FileChannel channel =
        FileChannel.open(
            file(dir, n),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
      buffer.order(ByteOrder.nativeOrder());
      files.add(buffer);
    } catch (IOException e) {
      throw new StorageException("cannot make " + file(dir, n) + ": " + e, e);
    }
    for (int i = 1; i < BLOCKS_PER_FILE; i++) {
      free.add(n * BLOCKS_PER_FILE + i);
    }
    return n * BLOCKS_PER_FILE;
  }

  /** Empties a block's slots and makes it free. */
  synchronized void giveBlock(int block) {
    for (int slot = 0; slot < slotsPerBlock; slot++) {
      clear(block, slot);
    }
    free.add(block);
  }

  void mark(int block, int slot, long number, long task, int attempt) {
    MappedByteBuffer file = files.get(block / BLOCKS_PER_FILE);
    int at = ((block % BLOCKS_PER_FILE) * slotsPerBlock + slot) * SLOT;
    LONG.setRelease(file, at, 0L);
    LONG.setOpaque(file, at + 8, task + 1);
    LONG.setOpaque(
        file, at + 16, (long) attempt << 32 | (check(number + 1, task + 1, attempt) & 0xffffffffL));
    LONG.setRelease(file, at, number + 1);
  }

  void clear(int block, int slot) {
    MappedByteBuffer file = files.get(block / BLOCKS_PER_FILE);
    LONG.setRelease(file, ((block % BLOCKS_PER_FILE) * slotsPerBlock + slot) * SLOT, 0L);
  }

  /** Forces the journal to the device. */
  synchronized void force() {
    for (MappedByteBuffer file : files) {
      file.force();
    }
  }

  @Override
  public synchronized void close() {
    files.clear(); // unmapped when collected; the files stay as they are for the next owner
  }

  private static Path file(Path dir, int n) {
    return dir.resolve("inflight-" + n + ".bin");
  }

  private static int check(long number, long task, int attempt) {
    long h = (number * 0x9E3779B97F4A7C15L) ^ (task * 0xC2B2AE3D27D4EB4FL) ^ attempt;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ h >>> 29) | 1;
  }
}
