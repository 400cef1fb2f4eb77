package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A segment's inbox: what other processes ask of the segment's owner (events, cancel requests),
 * appended by any process and taken by the owner, each under an OS lock on the file, so that a
 * request is either taken whole or still there. Requests survive the death of either side: an inbox
 * that an owner did not take is taken by the next owner of its segment.
 *
 * <p>A request is {@code [length][crc32c][data]}; one that fails its checksum (a writer that died
 * during its write, which only a power loss can do) is dropped, never delivered.
 */
final class Inbox {
  /** This JVM's monitor per inbox file: closing any channel on a locked file drops the lock. */
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean force;
  private final Object monitor;

  Inbox(Path file, boolean force) {
    this.file = file.toAbsolutePath().normalize();
    this.force = force;
    this.monitor = MONITORS.computeIfAbsent(this.file, f -> new Object());
  }

  /** Leaves a request. */
  void post(byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + data.length);
    buffer.putInt(data.length).putInt(FramedFiles.crc(data, 0, data.length)).put(data).flip();
    synchronized (monitor) {
      try (FileChannel channel =
              FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        long at = channel.size();
        while (buffer.hasRemaining()) {
          channel.write(buffer, at + buffer.position());
        }
        if (force) {
          channel.force(false);
        }
      } catch (IOException e) {
        throw new StorageException("cannot write to " + file + ": " + e, e);
      }
    }
  }

  /** Whether requests may be waiting (a cheap check, without the lock). */
  boolean mayHoldRequests() {
    try {
      return Files.size(file) > 0;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Takes every request waiting, in the order they came, handing each to {@code deliver} before the
   * inbox is emptied: a request the owner died delivering is delivered again to the next owner, so
   * delivering one must be idempotent.
   */
  void take(java.util.function.Consumer<byte[]> deliver) {
    synchronized (monitor) {
      try (FileChannel channel =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        long size = channel.size();
        if (size == 0) {
          return;
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
          // reads to the end
        }
        all.flip();
        for (byte[] request : parse(all)) {
          deliver.accept(request);
        }
        channel.truncate(0);
        if (force) {
          channel.force(false);
        }
      } catch (IOException e) {
        throw new StorageException("cannot read " + file + ": " + e, e);
      }
    }
  }

  private static List<byte[]> parse(ByteBuffer all) {
    List<byte[]> requests = new ArrayList<>();
    while (all.remaining() >= 8) {
      int length = all.getInt();
      int crc = all.getInt();
      if (length < 0 || length > all.remaining()) {
        break;
      }
      byte[] data = new byte[length];
      all.get(data);
      if (FramedFiles.crc(data, 0, length) == crc) {
        requests.add(data);
      }
    }
    return requests;
  }
}
