package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A segment's log: the records every process may read about the segment's workflows (which id a
 * number stands for, its DAG, its statuses, the events its waits expect, its failed attempts, its
 * deletion), appended by the segment's owner only. Other processes read it with plain reads, never
 * by mapping it, so no reader can hold anything the owner waits for, and the death of a reader
 * costs nothing.
 *
 * <p>A record is {@code [length][crc32c][kind][workflow number][data]}, the length and checksum
 * covering what follows them. The owner appends through a memory-mapped window ({@link LogWindow}),
 * with zeros ahead of the records, where the log ends; an append becomes part of the log whole, in
 * one store, so a killed owner leaves records whole. Only a power loss may leave the last append
 * torn, which the next owner cuts off. A record that is not whole before what the segment's witness
 * counted, or before the end of the log, is damage, named with its file and position.
 */
final class SegmentLog implements AutoCloseable {
  static final byte CREATED = 1;
  static final byte DAG = 2;
  static final byte STATUS = 3;
  static final byte EXPECT = 4;
  static final byte FAILED = 5;
  static final byte INTERRUPTED = 6;
  static final byte DELETED = 7;

  /** A new owner took the segment over: the runs recorded before it are not running. */
  static final byte ADOPTED = 8;

  /**
   * The first record of a compacted log: its number is the segment's next workflow number, kept
   * although the records of the workflows numbered before it may be gone.
   */
  static final byte NUMBERED = 9;

  /**
   * The least size at which the owner compacts a log (see {@link #compact}); a property lets tests
   * make it small.
   */
  static final long COMPACT_MIN = Long.getLong("waymark.log.compactBytes", 4 << 20);

  /** One record, where it starts, and its data (none for a DAG, which is read when needed). */
  record Entry(byte kind, long number, long offset, byte[] data) {}

  private final Path file;
  private final boolean force;
  private volatile FileChannel channel;

  /** Where the owner's appends are copied to. */
  private final LogWindow window = new LogWindow();

  /** Where the next record goes; changed under this log's monitor, read without it as a hint. */
  private volatile long end;

  /** The size at which the owner compacts the log next, and how many records it holds. */
  private volatile long compactAt = Long.MAX_VALUE;

  private long records;

  /** What an append of up to {@link #KEPT} bytes writes in (appends hold the log's monitor). */
  private final ByteBuffer kept = ByteBuffer.allocate(KEPT);

  private static final int KEPT = 4096;

  /** Where the next {@link #readNew} starts, the channel it reads with, and that file's key. */
  private long readTo;

  private FileChannel reader;
  private Object readerKey;

  /** The key of the file the records read so far (up to {@link #readTo}) are of. */
  private Object indexedKey;

  /** Told where the whole records end after each append. */
  private final LongConsumer appended;

  /**
   * Told, and must have made durable, how many bytes a compacted log holds, before it replaces the
   * log: a kill at any moment leaves a count no greater than what the log in place holds.
   */
  private final LongConsumer rewritten;

  SegmentLog(Path file, boolean force, LongConsumer appended, LongConsumer rewritten) {
    this.file = file;
    this.force = force;
    this.appended = appended;
    this.rewritten = rewritten;
  }

  /** Where the whole records end, for the owner. */
  synchronized long end() {
    return end;
  }

  Path file() {
    return file;
  }

  /**
   * Opens the log for appending: only the segment's owner does. Reads every record first (returned,
   * in order); what follows the last whole one (a torn append, zeros written ahead) is cut off,
   * when it starts at or after the {@code witnessed} length, which every append was counted in
   * before it returned. When the whole records end before, the log was damaged: it is named, and
   * left as it is (the caller's witness names a log that ends there).
   *
   * @throws CheckpointCorruptedException when a record before {@code witnessed} is not whole
   */
  synchronized List<Entry> openForAppend(long witnessed) {
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Files.deleteIfExists(next()); // a compaction that did not finish
      indexedKey = fileKey(); // the owner indexes every record anew (SegmentStorage#own)
      List<Entry> all = new ArrayList<>();
      end = LogRecords.scan(file, channel, 0, all, true, Integer.MAX_VALUE, false);
      if (end < channel.size()) {
        if (end < witnessed) {
          channel.close(); // and nothing cut: the log stays as found
          channel = null;
          throw LogRecords.damaged(file, end);
        }
        channel.truncate(end);
      }
      readTo = end;
      records = all.size();
      // Due at the first append once it holds COMPACT_MIN: LogCompaction then compacts it if it
      // holds mostly records no longer needed, else puts it off until it has doubled.
      compactAt = COMPACT_MIN;
      return all;
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e, e);
    }
  }

  /** Appends a record; returns where it starts. */
  long append(byte kind, long number, byte[] data) {
    return append(new byte[] {kind}, number, new byte[][] {data})[0];
  }

  /**
   * Appends records of one workflow, {@code kinds[i]} with {@code data[i]}, in one write: a killed
   * owner leaves all of them or none. Returns where each starts.
   */
  synchronized long[] append(byte[] kinds, long number, byte[][] data) {
    long[] numbers = new long[kinds.length];
    java.util.Arrays.fill(numbers, number);
    return append(kinds, numbers, data);
  }

  /**
   * Appends records, {@code kinds[i]} of workflow {@code numbers[i]} with {@code data[i]}, in one
   * write: a killed owner leaves all of them or none. Returns where each starts.
   */
  synchronized long[] append(byte[] kinds, long[] numbers, byte[][] data) {
    boolean interrupted = Interrupts.setAside();
    try {
      int total = 0;
      for (byte[] bytes : data) {
        total += LogRecords.size(bytes);
      }
      ByteBuffer buffer = total <= KEPT ? kept : ByteBuffer.allocate(total);
      buffer.clear().limit(total);
      long[] at = new long[kinds.length];
      for (int i = 0; i < kinds.length; i++) {
        at[i] = end + buffer.position();
        LogRecords.frame(buffer, kinds[i], numbers[i], data[i]);
      }
      buffer.flip();
      try {
        window.write(channel, end, buffer, force);
      } catch (IOException e) {
        throw new StorageException("cannot append to " + file + ": " + e, e);
      }
      end += total;
      readTo = end;
      records += kinds.length;
      CrashPoints.reached("log-appended");
      appended.accept(end);
      return at;
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  /** Appends records to a log being written anew; returns where each starts. */
  interface Writer {
    /**
     * @throws UncheckedIOException when it cannot be written
     */
    long write(byte kind, long number, byte[] data);
  }

  /**
   * Whether the log grew enough since it was last compacted (or opened) to be compacted now: exact
   * under this log's monitor, a hint without it (so that every append does not take it again).
   */
  boolean wantsCompaction() {
    return channel != null && end >= compactAt;
  }

  /** How many records the log holds, for its owner. */
  synchronized long records() {
    return records;
  }

  /** Puts off the next compaction until the log has doubled again. */
  synchronized void postpone() {
    compactAt = nextCompaction(end);
  }

  private static long nextCompaction(long end) {
    return Math.max(COMPACT_MIN, 2 * end);
  }

  /**
   * Writes the log anew, for its owner: {@code first} writes the records the new log starts with,
   * then {@code keep} is given every record of this one in order (DAGs with their data) and writes
   * those that still mean something. The new log is written whole next to this one, then its size
   * is counted ({@code rewritten}), then it takes this one's place in one rename: a kill at any
   * moment leaves one whole log or the other, and other processes notice the new file ({@link
   * #readNew}). The offsets of this log's records mean nothing once it returns.
   *
   * @throws StorageException when the new log cannot be written; this one is kept
   */
  synchronized void compact(Consumer<Writer> first, BiConsumer<Entry, Writer> keep) {
    boolean interrupted = Interrupts.setAside();
    Path next = next();
    FileChannel out = null;
    try {
      out =
          FileChannel.open(
              next,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      LogRecords.Rewriter writer = new LogRecords.Rewriter(out);
      first.accept(writer);
      List<Entry> batch = new ArrayList<>();
      for (long at = 0; at < end; ) {
        batch.clear();
        long to = LogRecords.scan(file, channel, at, batch, true, BATCH, true);
        if (to == at) {
          throw new IOException("no whole record at byte " + at + " of " + end);
        }
        batch.forEach(entry -> keep.accept(entry, writer));
        at = to;
      }
      long size = writer.flush();
      if (force) {
        out.force(false);
      }
      CrashPoints.reached("log-rewritten");
      rewritten.accept(size);
      CrashPoints.reached("log-rewritten-counted");
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (force) {
        FramedFiles.forceDirectory(file.getParent());
      }
      CrashPoints.reached("log-compacted");
      window.close(); // it maps the file replaced
      FileChannel old = channel;
      channel = out;
      out = null;
      try {
        old.close();
      } catch (IOException ignored) {
        // nothing was pending: every append was written whole
      }
      closeReader();
      indexedKey = fileKey();
      end = size;
      readTo = size;
      records = writer.records();
      compactAt = nextCompaction(size);
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("cannot compact " + file + ": " + e, e);
    } finally {
      if (out != null) {
        compactAt = nextCompaction(end); // failed: not tried again at every append
        try {
          out.close();
          Files.deleteIfExists(next);
        } catch (IOException ignored) {
          // removed by the next owner, which opens the log
        }
      }
      Interrupts.restore(interrupted);
    }
  }

  private Path next() {
    return file.resolveSibling(file.getFileName() + ".next");
  }

  /**
   * Passes the records appended since the last call to {@code apply}, in order, for a process that
   * does not own the segment: a last record still being written is left for the next call. They are
   * read and checked a batch at a time, so that a long log is never held in memory whole; a damaged
   * record stops the reading before anything after it is passed on. When the owner compacted the
   * log since the last call, the new log's records are passed to {@code reload} instead, all at
   * once, and the offsets of earlier records mean nothing any more.
   */
  synchronized void readNew(Consumer<Entry> apply, Consumer<List<Entry>> reload) {
    boolean interrupted = Interrupts.setAside();
    try {
      try {
        if (reader != null && !fileKey().equals(readerKey)) {
          closeReader(); // compacted: the file in place is another one
        }
        if (reader == null && !openReader()) {
          return;
        }
        if (indexedKey == null) {
          indexedKey = readerKey; // nothing read before
        } else if (!indexedKey.equals(readerKey)) {
          List<Entry> all = new ArrayList<>();
          readTo = LogRecords.scan(file, reader, 0, all, false, Integer.MAX_VALUE, false);
          indexedKey = readerKey;
          reload.accept(all);
          return;
        }
        List<Entry> batch = new ArrayList<>();
        while (reader.size() > readTo) {
          batch.clear();
          long to = LogRecords.scan(file, reader, readTo, batch, false, BATCH, false);
          batch.forEach(apply);
          if (to == readTo) {
            return;
          }
          readTo = to;
        }
      } catch (NoSuchFileException e) {
        // not made yet
      } catch (IOException e) {
        throw new StorageException("cannot read " + file + ": " + e, e);
      }
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  private static final int BATCH = 1 << 16;

  /**
   * Opens the channel that reads the log, on the file in place while it opens (the key of the file
   * read is the same before and after); false when there is no log yet.
   */
  private boolean openReader() throws IOException {
    while (true) {
      if (!Files.exists(file)) {
        return false;
      }
      Object before = fileKey();
      FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
      if (before.equals(fileKey())) {
        reader = opened;
        readerKey = before;
        return true;
      }
      opened.close(); // compacted meanwhile
    }
  }

  private Object fileKey() throws IOException {
    Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    return key != null ? key : Files.getLastModifiedTime(file); // no inodes: a replaced file's time
  }

  /**
   * The data of the record at {@code offset}, verified to be of {@code kind} and of workflow {@code
   * number}.
   */
  synchronized byte[] readAt(long offset, byte kind, long number) {
    boolean interrupted = Interrupts.setAside();
    try {
      try {
        // The owner's channel, or the one reads of new records keep open.
        if (channel == null && reader == null && !openReader()) {
          throw new NoSuchFileException(file.toString());
        }
        FileChannel in = channel != null ? channel : reader;
        ByteBuffer head = ByteBuffer.allocate(LogRecords.HEAD);
        LogRecords.readFully(in, head, offset);
        int length = head.getInt(0);
        if (length < LogRecords.BODY_HEAD || length > LogRecords.MAX_RECORD) {
          throw LogRecords.damaged(file, offset);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        LogRecords.readFully(in, body, offset + LogRecords.HEAD);
        if (FramedFiles.crc(body.array(), 0, length) != head.getInt(4)) {
          throw LogRecords.damaged(file, offset);
        }
        if (body.get(0) != kind || body.getLong(1) != number) {
          throw new CheckpointCorruptedException(
              file,
              "holds no record of kind " + kind + " of workflow #" + number + " at byte " + offset,
              null);
        }
        byte[] data = new byte[length - LogRecords.BODY_HEAD];
        System.arraycopy(body.array(), LogRecords.BODY_HEAD, data, 0, data.length);
        return data;
      } catch (IOException e) {
        throw new StorageException("cannot read " + file + ": " + e, e);
      }
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  private void closeReader() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException ignored) {
        // a read channel holds nothing
      }
      reader = null;
    }
  }

  @Override
  public synchronized void close() {
    closeReader();
    window.close();
    if (channel != null) {
      try {
        channel.truncate(end); // the zeros written ahead
      } catch (IOException ignored) {
        // the next owner cuts them off
      }
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing was pending: every append was written whole
      }
      channel = null;
    }
  }
}
