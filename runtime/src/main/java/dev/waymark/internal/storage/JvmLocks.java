package dev.waymark.internal.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock files this JVM holds, whichever runtime took them. OS file locks belong to the process,
 * not to a runtime or a channel: a second channel on a file this process has locked cannot lock it
 * (OverlappingFileLockException), and closing any channel on it drops the lock (POSIX). So every
 * channel on a lock file is opened, and closed, here, under one monitor: a second runtime on the
 * same storage in the same JVM sees the first one's claims, and never drops them.
 */
final class JvmLocks {
  private static final Map<Path, Held> HELD = new HashMap<>();

  /** How many times (a millisecond apart) a lock found taken is tried again. */
  private static final int PROBE_RETRIES = 10;

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
    boolean interrupted = Interrupts.setAside();
    try {
      Path key = file.toAbsolutePath().normalize();
      if (HELD.containsKey(key)) {
        return Outcome.HELD_HERE;
      }
      FileChannel channel =
          FileChannel.open(
              key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
        // Another process may be probing the lock (isLocked holds it shared for a moment): only an
        // owner holds it for longer than a few milliseconds.
        for (int retry = 0; lock == null && retry < PROBE_RETRIES; retry++) {
          LockSupport.parkNanos(1_000_000);
          lock = channel.tryLock();
        }
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
    } finally {
      Interrupts.restore(interrupted);
    }
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

  /**
   * Whether some process, this one included, holds the lock on {@code file} (false if none). The
   * probe takes a shared lock for a moment, so that two processes probing at once never take each
   * other for an owner.
   */
  static synchronized boolean isLocked(Path file) {
    boolean interrupted = Interrupts.setAside();
    try {
      Path key = file.toAbsolutePath().normalize();
      if (HELD.containsKey(key)) {
        return true;
      }
      try (FileChannel channel = FileChannel.open(key, StandardOpenOption.READ)) {
        FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
        if (lock == null) {
          return true;
        }
        lock.release();
        return false;
      } catch (IOException e) {
        return false; // no such file: nobody holds it
      }
    } finally {
      Interrupts.restore(interrupted);
    }
  }
}
