package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * How a {@link SegmentLog}'s records are laid out, {@code [length][crc32c][kind][workflow
 * number][data]}, the length and checksum covering what follows them: framed, scanned and checked,
 * and written in large writes when a log is written anew.
 */
final class LogRecords {
  static final int HEAD = 8; // length, checksum
  static final int BODY_HEAD = 9; // kind, workflow number
  static final int MAX_RECORD = 64 << 20;

  private LogRecords() {}

  /** How many bytes a record with {@code data} takes. */
  static int size(byte[] data) {
    return HEAD + BODY_HEAD + data.length;
  }

  /** Puts a whole record into {@code buffer}, which has room for it. */
  static void frame(ByteBuffer buffer, byte kind, long number, byte[] data) {
    int start = buffer.position();
    int length = BODY_HEAD + data.length;
    buffer.putInt(length).putInt(0).put(kind).putLong(number).put(data);
    buffer.putInt(start + 4, FramedFiles.crc(buffer.array(), start + HEAD, length));
  }

  static CheckpointCorruptedException damaged(Path file, long at) {
    return new CheckpointCorruptedException(
        file, "holds a damaged record at byte " + at + " (its checksum does not match)", null);
  }

  /**
   * Reads records from {@code from} into {@code into}; returns where the whole records end. The log
   * ends at a length of zero (its owner writes zeros ahead of its records, see LogWindow) or at the
   * end of the file. A record that is incomplete, or fails its checksum, at the end is left out
   * (torn, or still being written); one before the end is damage, except for the {@code owner}
   * taking a log over, for which every record that is not whole ends the log: it tells damage from
   * what a kill left by the length its witness counted (SegmentLog#openForAppend).
   */
  static long scan(
      Path file,
      FileChannel in,
      long from,
      List<SegmentLog.Entry> into,
      boolean owner,
      int limit,
      boolean dags)
      throws IOException {
    return scan(file, in, from, into, owner, limit, dags, false);
  }

  private static long scan(
      Path file,
      FileChannel in,
      long from,
      List<SegmentLog.Entry> into,
      boolean owner,
      int limit,
      boolean dags,
      boolean cutBefore)
      throws IOException {
    long size = in.size();
    long at = from;
    ByteBuffer chunk = ByteBuffer.allocate(0);
    long chunkAt = from;
    // Records are parsed from chunks read in one call each, of 64 KB at first (a reader looking for
    // new records mostly finds few, then zeros), then of a megabyte or more.
    int want = FIRST_CHUNK;
    try {
      while (at + HEAD <= size && into.size() < limit) {
        if (at + HEAD > chunkAt + chunk.limit()) {
          chunk = read(in, at, Math.min(want, size - at), chunk);
          chunkAt = at;
          want = CHUNK;
        }
        int length = chunk.getInt((int) (at - chunkAt));
        if (length == 0) {
          break; // not written yet
        }
        boolean fits = length >= BODY_HEAD && length <= MAX_RECORD;
        if (fits && at + HEAD + length > size) {
          break; // not all in the file yet
        }
        if (fits && at + HEAD + length > chunkAt + chunk.limit()) {
          chunk = read(in, at, Math.min(Math.max(CHUNK, HEAD + length), size - at), chunk);
          chunkAt = at;
        }
        if (!fits || !checks(chunk, (int) (at - chunkAt), length)) {
          // An append is visible once whole, so this is damage, or what a kill or a power loss
          // left, which the owner taking over tells apart.
          if (owner) {
            break;
          }
          // A reader can see an append's head before the rest of it (the loads of one read are not
          // ordered), so the record is read again, on its own, before it is taken for damage.
          ByteBuffer again = reread(in, at);
          if (again != null) {
            chunk = again;
            chunkAt = at;
            length = again.getInt(0);
          } else if (fits && unwritten(in, at + HEAD + length, size)) {
            break; // the last record: torn, or still being written
          } else {
            throw damaged(file, at);
          }
        }
        int body = (int) (at - chunkAt) + HEAD;
        byte kind = chunk.get(body);
        byte[] data = NO_DATA; // a DAG is read where it is when it is needed (readAt)
        if (kind != SegmentLog.DAG || dags) {
          data = new byte[length - BODY_HEAD];
          System.arraycopy(chunk.array(), body + BODY_HEAD, data, 0, data.length);
        }
        into.add(new SegmentLog.Entry(kind, chunk.getLong(body + 1), at, data));
        at += HEAD + length;
      }
    } catch (EOFException cut) {
      if (owner) {
        throw cut;
      }
      // The owner taking the log over cut its tail (the zeros ahead, or what a kill left) while
      // this reader read it: it reads on from the whole records read so far, once, in the file
      // as it is now.
      return cutBefore ? at : scan(file, in, at, into, false, limit, dags, true);
    }
    return at;
  }

  /** Whether the record whose head is at {@code head} of {@code chunk} matches its checksum. */
  private static boolean checks(ByteBuffer chunk, int head, int length) {
    return FramedFiles.crc(chunk.array(), head + HEAD, length) == chunk.getInt(head + 4);
  }

  /** The record at {@code at}, read anew, head first; null when it is not whole. */
  private static ByteBuffer reread(FileChannel in, long at) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(HEAD);
    long size = in.size();
    if (at + HEAD > size) {
      return null;
    }
    readFully(in, head, at);
    int length = head.getInt(0);
    if (length < BODY_HEAD || length > MAX_RECORD || at + HEAD + length > size) {
      return null;
    }
    ByteBuffer record = ByteBuffer.allocate(HEAD + length);
    readFully(in, record, at);
    return record.getInt(0) == length && checks(record, 0, length) ? record : null;
  }

  /** Whether nothing is written at {@code at}: the end of the file, or a length of zero. */
  private static boolean unwritten(FileChannel in, long at, long size) throws IOException {
    if (at + 4 > size) {
      return true;
    }
    ByteBuffer length = ByteBuffer.allocate(4);
    readFully(in, length, at);
    return length.getInt(0) == 0;
  }

  private static final int FIRST_CHUNK = 64 << 10;
  private static final int CHUNK = 1 << 20;
  private static final byte[] NO_DATA = new byte[0];

  /** {@code length} bytes of {@code in} from {@code at}, in {@code reuse} when it is big enough. */
  static ByteBuffer read(FileChannel in, long at, long length, ByteBuffer reuse)
      throws IOException {
    ByteBuffer buffer = reuse.capacity() >= length ? reuse : ByteBuffer.allocate((int) length);
    buffer.clear().limit((int) length);
    readFully(in, buffer, at);
    return buffer;
  }

  static void readFully(FileChannel in, ByteBuffer buffer, long at) throws IOException {
    while (buffer.hasRemaining()) {
      if (in.read(buffer, at + buffer.position()) < 0) {
        throw new EOFException("unexpected end of file at byte " + (at + buffer.position()));
      }
    }
    buffer.flip();
  }

  /** Writes records to a new log in large writes. */
  static final class Rewriter implements SegmentLog.Writer {
    private final FileChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private long written;
    private long records;

    Rewriter(FileChannel out) {
      this.out = out;
    }

    @Override
    public long write(byte kind, long number, byte[] data) {
      try {
        return put(kind, number, data);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** How many records were written. */
    long records() {
      return records;
    }

    private long put(byte kind, long number, byte[] data) throws IOException {
      records++;
      int length = BODY_HEAD + data.length;
      if (buffer.remaining() < HEAD + length) {
        flush();
      }
      long at = written + buffer.position();
      ByteBuffer target =
          buffer.remaining() >= HEAD + length ? buffer : ByteBuffer.allocate(HEAD + length);
      frame(target, kind, number, data);
      if (target != buffer) {
        drain(target.flip());
      }
      return at;
    }

    /** Writes what is buffered; returns the size written. */
    long flush() throws IOException {
      drain(buffer.flip());
      buffer.clear();
      return written;
    }

    private void drain(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        written += out.write(bytes, written);
      }
    }
  }
}
