package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The segments of a storage this process knows of ({@code segments/<n>/}). Each segment's number is
 * appended to {@code registry.bin} (4 bytes, one atomic append) when it is made, before it is used:
 * a process learns of new segments by reading past what it read before, one read of a file's size
 * instead of a directory listing.
 */
final class SegmentRegistry implements AutoCloseable {
  private final Path dir;
  private final boolean force;
  private final Path file;
  private final FileChannel channel;
  private final Map<Integer, Segment> segments = new ConcurrentHashMap<>();
  private long read;

  /** The registry of the segments in {@code dir}; finds those there are now. */
  SegmentRegistry(Path dir, boolean force) {
    this.dir = dir;
    this.force = force;
    this.file = dir.resolve("registry.bin");
    try {
      this.channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e, e);
    }
    try (Stream<Path> dirs = Files.list(dir)) {
      for (Path segment : dirs.toList()) {
        String name = segment.getFileName().toString();
        if (Files.isDirectory(segment) && name.chars().allMatch(Character::isDigit)) {
          segment(Integer.parseInt(name));
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot list " + dir + ": " + e, e);
    }
  }

  /** The segments known: a live view, to which {@link #refresh} and {@link #make} add. */
  Collection<Segment> all() {
    return segments.values();
  }

  /** Learns of the segments other processes made since the last call. */
  void refresh() {
    newNumbers().forEach(this::segment);
  }

  /** Makes a new segment, registered, that no process owns yet. */
  Segment make() {
    for (int n = 0; ; n++) {
      Path segment = dir.resolve(Integer.toString(n));
      if (segments.containsKey(n) || Files.exists(segment)) {
        continue;
      }
      try {
        Files.createDirectory(
            segment,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException e) {
        continue; // made by another process meanwhile
      } catch (IOException e) {
        throw new StorageException("cannot create " + segment + ": " + e, e);
      }
      add(n);
      return segment(n);
    }
  }

  private Segment segment(int number) {
    return segments.computeIfAbsent(
        number, n -> new Segment(n, dir.resolve(Integer.toString(n)), force));
  }

  private synchronized void add(int number) {
    boolean interrupted = Interrupts.setAside();
    try {
      try (FileChannel append =
          FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        append.write(ByteBuffer.allocate(4).putInt(0, number));
      } catch (IOException e) {
        throw new StorageException("cannot register a segment in " + file + ": " + e, e);
      }
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  /** The numbers registered since the last call. */
  private synchronized List<Integer> newNumbers() {
    boolean interrupted = Interrupts.setAside();
    try {
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
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  /** Gives up every segment, and closes the registry. */
  @Override
  public synchronized void close() {
    for (Segment segment : segments.values()) {
      segment.close();
    }
    closeChannel();
  }

  /** Lets go of every segment as a killed process would: see {@link Segment#abandon}. */
  synchronized void abandon() {
    for (Segment segment : segments.values()) {
      segment.abandon();
    }
    closeChannel();
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // a read channel holds nothing
    }
  }
}
