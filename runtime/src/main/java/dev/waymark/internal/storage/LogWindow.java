package dev.waymark.internal.storage;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.core.io.IOTools;

/**
 * The part of a {@link SegmentLog} its owner appends to, mapped into memory, so that an append is a
 * copy and no system call. The file is written with zeros ahead of the records, 256 KB at a time,
 * before that part is mapped: a mapped write then never lands on a block the device has not given,
 * and on a full device the append that needs the next 256 KB fails, cleanly.
 *
 * <p>An append copies everything but the head of its first record, then writes that head ({@code
 * [length][crc32c]}) in one store. Until then the log ends where the append starts, at a length of
 * zero: a killed owner leaves the whole append or none of it. A reader in another process sees the
 * rest of the append before its head, though one read may load the head first (see LogRecords).
 */
final class LogWindow implements AutoCloseable {
  private static final long SIZE = 256 << 10;
  private static final long PAGE = 4096;
  private static final boolean SWAP = ByteOrder.nativeOrder() != ByteOrder.BIG_ENDIAN;

  private MappedByteBuffer mapped;
  private long from;
  private long address;

  /**
   * Writes {@code records} (whole records, from 0 to its limit) at byte {@code at} of {@code
   * channel}, the owner's, where the log ends; makes them durable when {@code force}.
   */
  void write(FileChannel channel, long at, ByteBuffer records, boolean force) throws IOException {
    int total = records.limit();
    if (mapped == null || at < from || at + total > from + mapped.capacity()) {
      map(channel, at, total, force);
    }
    int index = (int) (at - from);
    mapped.put(index + LogRecords.HEAD, records, LogRecords.HEAD, total - LogRecords.HEAD);
    VarHandle.releaseFence(); // the rest is visible before the head that makes it part of the log
    long head = records.getLong(0);
    UnsafeMemory.UNSAFE.putLong(address + index, SWAP ? Long.reverseBytes(head) : head);
    if (force) {
      mapped.force(index, total);
    }
  }

  private void map(FileChannel channel, long at, int total, boolean force) throws IOException {
    close();
    long start = at & -PAGE;
    long size = Math.max(SIZE, (at + total - start + PAGE - 1) & -PAGE);
    zeroTo(channel, start + size);
    if (force) {
      channel.force(false); // the file's new size too: a forced append in it is read back
    }
    mapped = channel.map(FileChannel.MapMode.READ_WRITE, start, size);
    from = start;
    address = Jvm.address(mapped);
  }

  /** Writes zeros from the end of {@code channel}'s file to {@code to}, when it ends before. */
  private static void zeroTo(FileChannel channel, long to) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocateDirect(64 << 10);
    for (long at = channel.size(); at < to; ) {
      zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
      at += channel.write(zeros, at);
    }
    IOTools.clean(zeros);
  }

  /** Unmaps the window (a compaction replaced the file, or the log is closed). */
  @Override
  public void close() {
    if (mapped != null) {
      IOTools.clean(mapped);
      mapped = null;
    }
  }
}
