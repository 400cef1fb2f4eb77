package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
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
   * Reads records from {@code from} into {@code into}; returns where the whole records end. A
   * record that is incomplete, or fails its checksum, at the end of the file is left out (torn, or
   * still being written); one before the end is damage.
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
        throw damaged(file, at);
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
        throw damaged(file, at);
      }
      byte kind = chunk.get(body);
      byte[] data = NO_DATA; // a DAG is read where it is when it is needed (readAt)
      if (kind != SegmentLog.DAG || dags) {
        data = new byte[length - BODY_HEAD];
        System.arraycopy(chunk.array(), body + BODY_HEAD, data, 0, data.length);
      }
      into.add(new SegmentLog.Entry(kind, chunk.getLong(body + 1), at, data));
      at += HEAD + length;
    }
    return at;
  }

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
        throw new IOException("unexpected end of file at byte " + (at + buffer.position()));
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
