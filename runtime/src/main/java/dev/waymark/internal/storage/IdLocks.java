package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What keeps two runtimes from creating the same workflow id, in one lock file per storage.
 *
 * <p>Contended, a runtime creates an id holding the OS lock on one byte of the file, one byte per
 * stripe of ids (and a monitor per stripe, since the JVM refuses overlapping locks of its own).
 *
 * <p>Alone, it holds nothing per id. A runtime that creates its first id joins: it takes the {@code
 * SOLO} byte, and when no other process has joined (no one holds the {@code PRESENT} byte, which
 * every joined process holds shared), it keeps {@code SOLO}, and creates ids without a system call
 * until another runtime wants to create one too. A process that joins waits for {@code SOLO}
 * holding the {@code WAITING} byte shared; the alone runtime's watcher sees that within {@link
 * #WATCH_MILLIS}, makes what it created alone visible (see {@link #join}), and lets {@code SOLO}
 * go. From then on both take the stripes. A runtime of the same JVM that joins ends the other's
 * solitude at once. The OS drops a dead process's locks, so a process killed alone or waiting holds
 * up no one.
 *
 * <p>One channel per file for the whole JVM, never closed: closing a channel drops every lock this
 * process holds on the file.
 */
final class IdLocks {
  private static final int STRIPES = 1024;
  private static final long SOLO = STRIPES;
  private static final long PRESENT = STRIPES + 1;
  private static final long WAITING = STRIPES + 2;
  static final long WATCH_MILLIS = 10;
  private static final Map<Path, IdLocks> BY_FILE = new ConcurrentHashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final Object[] monitors = new Object[STRIPES];

  /** The runtimes of this JVM that joined and have not left: this JVM is present while any is. */
  private final Set<Runnable> joined = new HashSet<>();

  private FileLock present;
  private FileLock solo;

  /** The runtime that creates ids alone, by what makes its ids visible; null when none does. */
  private volatile Runnable alone;

  private IdLocks(Path file) {
    this.file = file;
    try {
      this.channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
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

  /**
   * Joins the runtimes that create ids in this storage, before the first id the runtime creates;
   * true when it creates alone from now on. {@code publish} makes visible to every process the ids
   * it created alone and has not written yet: it is run before the runtime stops being alone, under
   * this object's monitor, and must take no lock that is held while waiting for that monitor.
   */
  synchronized boolean join(Runnable publish) {
    boolean[] interrupted = {Interrupts.setAside()};
    try {
      if (!joined.isEmpty()) {
        // Another runtime of this JVM joined: both take the stripes, and this JVM is present.
        if (alone != null) {
          leaveAlone();
        }
        joined.add(publish);
        return false;
      }
      joined.add(publish);
      FileLock taken;
      try (FileLock waiting = patiently(WAITING, true, interrupted)) {
        taken = patiently(SOLO, false, interrupted); // once an alone process lets it go
      }
      FileLock exclusive = channel.tryLock(PRESENT, 1, false);
      boolean nobodyElse = exclusive != null;
      if (nobodyElse) {
        exclusive.release();
      }
      present = patiently(PRESENT, true, interrupted); // no one joins meanwhile: this one has SOLO
      if (!nobodyElse) {
        taken.release();
        return false;
      }
      solo = taken;
      alone = publish;
      Thread watcher = new Thread(() -> watch(publish), "waymark-ids");
      watcher.setDaemon(true);
      watcher.start();
      return true;
    } catch (IOException e) {
      throw new StorageException("cannot lock " + file + ": " + e, e);
    } finally {
      Interrupts.restore(interrupted[0]);
    }
  }

  /**
   * Takes the lock of one byte, waiting for it in steps of a millisecond: a thread interrupted
   * while blocked in {@code FileChannel.lock} would close the channel, and drop every lock of this
   * JVM on the file. An interrupt that comes meanwhile is noted in {@code interrupted}.
   */
  private FileLock patiently(long position, boolean shared, boolean[] interrupted)
      throws IOException {
    while (true) {
      FileLock lock = channel.tryLock(position, 1, shared);
      if (lock != null) {
        return lock;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(1);
      } catch (InterruptedException e) {
        interrupted[0] = true; // set again once the channel is left alone
      }
    }
  }

  /**
   * Leaves: the runtime creates no more ids. With {@code publish}, what it created alone is made
   * visible first; without, it is dropped (a runtime abandoned as if its process died).
   */
  synchronized void leave(Runnable runtime, boolean publish) {
    boolean interrupted = Interrupts.setAside();
    try {
      if (alone == runtime && publish) {
        leaveAlone();
      } else if (alone == runtime) {
        releaseSolo();
      }
      if (joined.remove(runtime) && joined.isEmpty() && present != null) {
        present.release();
        present = null;
      }
    } catch (IOException e) {
      throw new StorageException("cannot unlock " + file + ": " + e, e);
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  /**
   * Runs {@code action} so that no other runtime creates the id meanwhile: with {@code true} when
   * {@code runtime} creates alone (the action may leave the id unwritten, see {@link #join}), else
   * holding the stripe of an id whose hash is {@code hash}.
   */
  <T> T locked(Runnable runtime, long hash, Function<Boolean, T> action) {
    boolean interrupted = Interrupts.setAside(); // as the files the action touches want
    try {
      if (alone == runtime) {
        synchronized (this) {
          if (alone == runtime) {
            return action.apply(true);
          }
        }
      }
      int stripe = (int) ((hash ^ hash >>> 32) & (STRIPES - 1));
      synchronized (monitors[stripe]) {
        try (FileLock lock = channel.lock(stripe, 1, false)) {
          return action.apply(false);
        } catch (IOException e) {
          throw new StorageException("cannot lock " + file + ": " + e, e);
        }
      }
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  /** While a runtime is alone: lets it go once another process waits to join. */
  private void watch(Runnable runtime) {
    while (alone == runtime) {
      try {
        TimeUnit.MILLISECONDS.sleep(WATCH_MILLIS);
      } catch (InterruptedException e) {
        // a daemon that nothing interrupts; it watches on
      }
      synchronized (this) {
        if (alone == runtime && someoneWaits()) {
          leaveAlone();
        }
      }
    }
  }

  private boolean someoneWaits() {
    boolean interrupted = Interrupts.setAside();
    try (FileLock nobody = channel.tryLock(WAITING, 1, false)) {
      return nobody == null;
    } catch (IOException e) {
      return true; // cannot tell: the stripes are always right
    } finally {
      Interrupts.restore(interrupted);
    }
  }

  /** Ends the alone runtime's solitude: its ids made visible, then SOLO let go. */
  private void leaveAlone() {
    try {
      alone.run();
      releaseSolo();
    } catch (IOException e) {
      throw new StorageException("cannot unlock " + file + ": " + e, e);
    }
  }

  private void releaseSolo() throws IOException {
    alone = null;
    if (solo != null) {
      solo.release();
      solo = null;
    }
  }
}
