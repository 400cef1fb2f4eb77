package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free-space reserve of a storage: writes stop short of it. A map that grows into space the
 * file system cannot give faults (SIGBUS) and may leave a torn entry, so writes stop cleanly before
 * that. The free space is asked of the device every 50 ms, and whenever what was written since
 * (counted roughly, without a lock) could have brought it below the reserve.
 */
final class FreeSpace {
  private static final long CHECK_NANOS = 50_000_000;

  private final Path root;
  private final long reserve;
  private final FileStore device;
  private volatile long checkedAt;
  private volatile long usable;
  private long writtenSinceCheck;

  FreeSpace(Path root, long reserve) {
    this.root = root;
    this.reserve = reserve;
    try {
      this.device = Files.getFileStore(root);
    } catch (IOException e) {
      throw new StorageException("cannot find the device holding " + root + ": " + e, e);
    }
    this.checkedAt = System.nanoTime() - CHECK_NANOS;
  }

  /** Refuses a write of about {@code bytes} to {@code file} that would eat into the reserve. */
  void check(Path file, long bytes) {
    long now = System.nanoTime();
    long written = writtenSinceCheck += bytes;
    if (now - checkedAt >= CHECK_NANOS || usable - written < reserve) {
      writtenSinceCheck = 0;
      try {
        usable = device.getUsableSpace();
      } catch (IOException e) {
        throw new StorageException("cannot tell the free space of " + root + ": " + e, e);
      }
      checkedAt = now;
    }
    if (usable < reserve) {
      throw new StorageException(
          "cannot write "
              + file
              + ": the device holding "
              + root
              + " has "
              + (usable >> 10)
              + " KB left, below the reserve of "
              + (reserve >> 10)
              + " KB (Waymark.builder().freeSpaceReserve): free some space, then resume",
          null);
    }
  }
}
