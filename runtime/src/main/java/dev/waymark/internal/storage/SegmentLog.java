package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment's log: the records every process may read about the segment's workflows (which id a
 * number stands for, its DAG, its statuses, the events its waits expect, its failed attempts, its
 * deletion), appended by the segment's owner only. Other processes read it with plain reads, never
 * by mapping it, so no reader can hold anything the owner waits for, and the death of a reader
 * costs nothing.
 *
 * <p>A record is {@code [length][crc32c][kind][workflow number][data]}, the length and checksum
 * covering what follows them. A write is one positional write of a whole record, so a killed owner
 * leaves records whole; only a power loss may leave the last one torn, which the next owner cuts
 * off. A record that fails its checksum before the end of the log is damage, named with its file
 * and position.
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

  private static final int HEAD = 8; // length, checksum
  private static final int BODY_HEAD = 9; // kind, workflow number
  private static final int MAX_RECORD = 64 << 20;

  /** One record, where it starts, and its data (none for a DAG, which is read when needed). */
  record Entry(byte kind, long number, long offset, byte[] data) {}

  private final Path file;
  private final boolean force;
  private FileChannel channel;
  private long end;

  /** Where the next {@link #readNew} starts, and the channel it reads with. */
  private long readTo;

  private FileChannel reader;

  /** Told where the whole records end after each append. */
  private final java.util.function.LongConsumer appended;

  SegmentLog(Path file, boolean force, java.util.function.LongConsumer appended) {
    this.file = file;
    this.force = force;
    this.appended = appended;
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
   * in order); a torn last record is cut off.
   */
  synchronized List<Entry> openForAppend() {
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      List<Entry> all = new ArrayList<>();
      end = scan(channel, 0, all, true, Integer.MAX_VALUE);
      if (end < channel.size()) {
        channel.truncate(end);
      }
      readTo = end;
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
    boolean interrupted = Interrupts.setAside();
    try {
      int total = 0;
      for (byte[] bytes : data) {
        total += HEAD + BODY_HEAD + bytes.length;
      }
      ByteBuffer buffer = ByteBuffer.allocate(total);
      long[] at = new long[kinds.length];
      for (int i = 0; i < kinds.length; i++) {
        int start = buffer.position();
        int length = BODY_HEAD + data[i].length;
        at[i] = end + start;
        buffer.putInt(length).putInt(0).put(kinds[i]).putLong(number).put(data[i]);
        buffer.putInt(start + 4, FramedFiles.crc(buffer.array(), start + HEAD, length));
      }
      buffer.flip();
      try {
        while (buffer.hasRemaining()) {
          channel.write(buffer, end + buffer.position());
        }
        if (force) {
          channel.force(false);
        }
      } catch (IOException e) {
        throw new StorageException("cannot append to " + file + ": " + e, e);
      }
      end += total;
      readTo = end;
      CrashPoints.reached("log-appended");
      appended.accept(end);
      return at;
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  /**
   * Passes the records appended since the last call to {@code apply}, in order, for a process that
   * does not own the segment: a last record still being written is left for the next call. They are
   * read and checked a batch at a time, so that a long log is never held in memory whole; a damaged
   * record stops the reading before anything after it is passed on.
   */
  synchronized void readNew(java.util.function.Consumer<Entry> apply) {
    boolean interrupted = Interrupts.setAside();
    try {
      try {
        if (reader == null) {
          if (!Files.exists(file)) {
            return;
          }
          reader = FileChannel.open(file, StandardOpenOption.READ);
        }
        List<Entry> batch = new ArrayList<>();
        while (reader.size() > readTo) {
          batch.clear();
          long to = scan(reader, readTo, batch, false, BATCH);
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

  /** The data of the record at {@code offset}, verified. */
  synchronized byte[] readAt(long offset) {
    boolean interrupted = Interrupts.setAside();
    try {
      try {
        // The owner's channel, or the one reads of new records keep open.
        FileChannel in =
            channel != null
                ? channel
                : reader != null
                    ? reader
                    : (reader = FileChannel.open(file, StandardOpenOption.READ));
        ByteBuffer head = ByteBuffer.allocate(HEAD);
        readFully(in, head, offset);
        int length = head.getInt(0);
        if (length < BODY_HEAD || length > MAX_RECORD) {
          throw damaged(offset);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(in, body, offset + HEAD);
        if (FramedFiles.crc(body.array(), 0, length) != head.getInt(4)) {
          throw damaged(offset);
        }
        byte[] data = new byte[length - BODY_HEAD];
        System.arraycopy(body.array(), BODY_HEAD, data, 0, data.length);
        return data;
      } catch (IOException e) {
        throw new StorageException("cannot read " + file + ": " + e, e);
      }
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  /**
   * Reads records from {@code from} into {@code into}; returns where the whole records end. A
   * record that is incomplete, or fails its checksum, at the end of the file is left out (torn, or
   * still being written); one before the end is damage.
   */
  private long scan(FileChannel in, long from, List<Entry> into, boolean owner, int limit)
      throws IOException {
    long size = in.size();
    long at = from;
    ByteBuffer chunk = ByteBuffer.allocate(0);
    long chunkAt = from;
    while (at + HEAD <= size && into.size() < limit) {
      // Records are parsed from chunks of a megabyte or more, read in one call each.
      if (at + HEAD > chunkAt + chunk.limit()) {
        chunk = read(in, at, Math.min(CHUNK, size - at), chunk);
        chunkAt = at;
      }
      int length = chunk.getInt((int) (at - chunkAt));
      if (length < BODY_HEAD || length > MAX_RECORD) {
        // A writer's record is visible only as far as it is written, so a length no record has
        // is damage, or, for an owner taking over, a torn last record too short to hold one.
        if (owner && at + HEAD + BODY_HEAD > size) {
          break;
        }
        throw damaged(at);
      }
      if (at + HEAD + length > size) {
        break;
      }
      if (at + HEAD + length > chunkAt + chunk.limit()) {
        chunk = read(in, at, Math.min(Math.max(CHUNK, HEAD + length), size - at), chunk);
        chunkAt = at;
      }
      int head = (int) (at - chunkAt);
      int body = head + HEAD;
      if (FramedFiles.crc(chunk.array(), body, length) != chunk.getInt(head + 4)) {
        if (at + HEAD + length == size) {
          break; // the last record: torn, or still being written
        }
        throw damaged(at);
      }
      byte kind = chunk.get(body);
      byte[] data = NO_DATA; // a DAG is read where it is when it is needed (readAt)
      if (kind != DAG) {
        data = new byte[length - BODY_HEAD];
        System.arraycopy(chunk.array(), body + BODY_HEAD, data, 0, data.length);
      }
      into.add(new Entry(kind, chunk.getLong(body + 1), at, data));
      at += HEAD + length;
    }
    return at;
  }

  private static final int CHUNK = 1 << 20;
  private static final byte[] NO_DATA = new byte[0];

  /** {@code length} bytes of {@code in} from {@code at}, in {@code reuse} when it is big enough. */
  private static ByteBuffer read(FileChannel in, long at, long length, ByteBuffer reuse)
      throws IOException {
    ByteBuffer buffer = reuse.capacity() >= length ? reuse : ByteBuffer.allocate((int) length);
    buffer.clear().limit((int) length);
    readFully(in, buffer, at);
    return buffer;
  }

  private static void readFully(FileChannel in, ByteBuffer buffer, long at) throws IOException {
    while (buffer.hasRemaining()) {
      if (in.read(buffer, at + buffer.position()) < 0) {
        throw new IOException("unexpected end of file at byte " + (at + buffer.position()));
      }
    }
    buffer.flip();
  }

  private CheckpointCorruptedException damaged(long at) {
    return new CheckpointCorruptedException(
        file, "holds a damaged record at byte " + at + " (its checksum does not match)", null);
  }

  @Override
  public synchronized void close() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException ignored) {
        // a read channel holds nothing
      }
      reader = null;
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing was pending: every append was written whole
      }
      channel = null;
    }
  }
}
