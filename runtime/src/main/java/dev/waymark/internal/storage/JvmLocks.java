package dev.waymark.internal.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The lock files this JVM holds, whichever runtime took them. OS file locks belong to the process,
 * not to a runtime or a channel: a second channel on a file this process has locked cannot lock it
 * (OverlappingFileLockException), and closing any channel on it drops the lock (POSIX). So every
 * channel on a lock file is opened, and closed, here, under one monitor: a second runtime on the
 * same storage in the same JVM sees the first one's claims, and never drops them.
 */
final class JvmLocks {
  private static final Map<Path, Held> HELD = new HashMap<>();

  private JvmLocks() {}

  /** A lock this JVM holds, until {@link #release}. */
  static final class Held {
    private final Path file;
    private final FileChannel channel;

    private Held(Path file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }
  }

  /** What {@link #tryLock} found. */
  enum Outcome {
    TAKEN,
    HELD_HERE,
    HELD_ELSEWHERE
  }

  /**
   * Takes the lock on {@code file} (created if missing); {@code into[0]} receives it when taken.
   */
  static synchronized Outcome tryLock(Path file, Held[] into) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    if (HELD.containsKey(key)) {
      return Outcome.HELD_HERE;
    }
    FileChannel channel =
        FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close(); // this JVM holds no lock on it, so closing drops nothing
      return Outcome.HELD_ELSEWHERE;
    }
    Held held = new Held(key, channel);
    HELD.put(key, held);
    into[0] = held;
    return Outcome.TAKEN;
  }

  /** Releases a lock {@link #tryLock} took. */
  static synchronized void release(Held held) {
    if (HELD.remove(held.file, held)) {
      try {
        held.channel.close();
      } catch (IOException ignored) {
        // closing releases the lock whatever it reports
      }
    }
  }

  /** Whether some process, this one included, holds the lock on {@code file} (false if none). */
  static synchronized boolean isLocked(Path file) {
    Path key = file.toAbsolutePath().normalize();
    if (HELD.containsKey(key)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(key, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (IOException e) {
      return false; // no such file: nobody holds it
    }
  }
}
