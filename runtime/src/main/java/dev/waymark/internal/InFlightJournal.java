package dev.waymark.internal;

import dev.waymark.StorageException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Which task attempts are running, kept in a small memory-mapped file so that it survives the death
 * of the process: a slot per running task chain holds {@code (task + 1) << 32 | attempt} as one
 * aligned 8-byte store. The next process to claim the workflow reads the slots left filled: those
 * attempts died with the process and count as failed.
 */
final class InFlightJournal {
  private static final VarHandle SLOT =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final MappedByteBuffer buffer;
  private final int slots;

  private InFlightJournal(MappedByteBuffer buffer, int slots) {
    this.buffer = buffer;
    this.slots = slots;
  }

  /** The attempts a dead process left in {@code file}: task to attempt number. */
  static Map<Long, Integer> read(Path file) {
    Map<Long, Integer> interrupted = new HashMap<>();
    try {
      if (Files.exists(file)) {
        ByteBuffer view = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
        for (int at = 0; at + 16 <= view.capacity(); at += 16) {
          long task = view.getLong(at);
          if (task != 0) {
            interrupted.merge(task - 1, (int) view.getLong(at + 8), Math::max);
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e, e);
    }
    return Map.copyOf(interrupted);
  }

  /** Opens {@code file} empty, with {@code slots} slots. */
  static InFlightJournal open(Path file, int slots) {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      return new InFlightJournal(
          channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) slots * 16), slots);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e, e);
    }
  }

  int slots() {
    return slots;
  }

  void mark(int slot, long task, int attempt) {
    SLOT.setOpaque(buffer, slot * 16 + 8, (long) attempt);
    SLOT.setRelease(buffer, slot * 16, task + 1);
  }

  void clear(int slot) {
    SLOT.setRelease(buffer, slot * 16, 0L);
  }
}
