package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers of the storage's segments, each appended (4 bytes, one atomic append) when its
 * segment is made, before it is used: a process learns of new segments by reading past what it read
 * before.
 */
final class SegmentRegistry implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private long read;

  SegmentRegistry(Path file) {
    this.file = file;
    try {
      this.channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e, e);
    }
  }

  synchronized void add(int number) {
    try (FileChannel append =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      append.write(ByteBuffer.allocate(4).putInt(0, number));
    } catch (IOException e) {
      throw new StorageException("cannot register a segment in " + file + ": " + e, e);
    }
  }

  /** The numbers registered since the last call. */
  synchronized List<Integer> newNumbers() {
    List<Integer> numbers = new ArrayList<>();
    try {
      long size = channel.size() & ~3L;
      if (size > read) {
        ByteBuffer buffer = ByteBuffer.allocate((int) (size - read));
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, read + buffer.position()) < 0) {
            break;
          }
        }
        buffer.flip();
        while (buffer.remaining() >= 4) {
          numbers.add(buffer.getInt());
        }
        read = size;
      }
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e, e);
    }
    return numbers;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // a read channel holds nothing
    }
  }
}
