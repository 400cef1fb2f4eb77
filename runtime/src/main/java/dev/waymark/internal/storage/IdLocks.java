package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Locks on the bytes of a lock file, one byte per stripe of workflow ids: a process creating an id
 * holds its stripe's byte, so no other process creates the same id meanwhile. One channel per file
 * for the whole JVM, never closed (closing a channel drops every lock this process holds on the
 * file), and a monitor per stripe, since the JVM refuses overlapping locks of its own.
 */
final class IdLocks {
  private static final int STRIPES = 1024;
  private static final Map<Path, IdLocks> BY_FILE = new ConcurrentHashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final Object[] monitors = new Object[STRIPES];

  private IdLocks(Path file) {
    this.file = file;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e, e);
    }
    for (int i = 0; i < STRIPES; i++) {
      monitors[i] = new Object();
    }
  }

  static IdLocks of(Path file) {
    return BY_FILE.computeIfAbsent(file.toAbsolutePath().normalize(), IdLocks::new);
  }

  /** Runs {@code action} holding the stripe of an id whose hash is {@code hash}. */
  <T> T locked(long hash, Supplier<T> action) {
    boolean interrupted = Interrupts.setAside();
    try {
      int stripe = (int) ((hash ^ hash >>> 32) & (STRIPES - 1));
      synchronized (monitors[stripe]) {
        try (FileLock lock = channel.lock(stripe, 1, false)) {
          return action.get();
        } catch (IOException e) {
          throw new StorageException("cannot lock " + file + ": " + e, e);
        }
      }
    } finally {
      Interrupts.restore(interrupted);
    }
  }
}
