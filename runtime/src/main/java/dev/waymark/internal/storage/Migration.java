package dev.waymark.internal.storage;

import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.StorageException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Moves a storage written as a directory per workflow into segments, whole or not at all. Every
 * workflow is copied, under its lock, into a storage in segments made beside it ({@code
 * migrating/}): its DAG, status, every task value, its events and the events it waits for, its
 * failed attempts (those a dead process left running counted as crashed ones) and a cancel request
 * no run took. Renaming {@code migrating/segments} to {@code segments} commits the migration; the
 * old directories are deleted after that. A kill before the rename leaves the old storage as it was
 * (the next open starts again); a kill after it leaves the storage in segments, and the next open
 * finishes deleting the old directories. Damage found on the way stops the migration and is named;
 * nothing is changed.
 */
final class Migration {
  private static final String STAGING = "migrating";

  /** One migration at a time in this JVM: the OS lock below only excludes other processes. */
  private static final Object IN_THIS_JVM = new Object();

  private Migration() {}

  /**
   * Moves the storage in {@code root} into segments, unless that was done; finishes a migration a
   * kill cut short. Processes that open the storage meanwhile wait for it.
   *
   * @throws StorageException when a workflow runs in another process, or the copy fails; the
   *     storage is then left as it was
   */
  static void toSegments(
      Path root, int inFlightSlots, Durability durability, long freeSpaceReserve) {
    synchronized (IN_THIS_JVM) {
      ChronicleStorage.createPrivateDirectories(root);
      try (FileChannel channel =
              FileChannel.open(
                  root.resolve("migration.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (!Files.isDirectory(root.resolve("segments"))) {
          migrate(root, inFlightSlots, durability, freeSpaceReserve);
        }
        deleteTree(root.resolve("workflows")); // what a kill after the commit left
        deleteTree(root.resolve("templates"));
        deleteTree(root.resolve(STAGING));
      } catch (IOException e) {
        throw new StorageException("cannot lock " + root + " to move it into segments: " + e, e);
      }
    }
  }

  private static void migrate(Path root, int slots, Durability durability, long reserve)
      throws IOException {
    StorageFormat.require(root, StorageFormat.DIRECTORIES, false); // a newer one is refused first
    Path staging = root.resolve(STAGING);
    deleteTree(staging); // what a kill before the commit left
    try {
      ChronicleStorage from = ChronicleStorage.open(root, slots, durability, reserve);
      try (SegmentStorage to = SegmentStorage.open(staging, slots, durability, reserve)) {
        for (String id : from.workflowIds()) {
          copy(from, to, id);
        }
      } finally {
        from.close();
      }
    } catch (RuntimeException e) {
      deleteTree(staging);
      throw new StorageException(
          "cannot move the storage in "
              + root
              + " into segments, so it was left as it was: "
              + e.getMessage()
              + ". Open it again once that is fixed (a damaged workflow can be deleted by opening"
              + " the storage with -D"
              + Storages.LAYOUT_PROPERTY
              + "=directories)",
          e);
    }
    CrashPoints.reached("migration-copied");
    move(staging.resolve("segments"), root.resolve("segments"));
    StorageFormat.mark(root, StorageFormat.SEGMENTS, durability == Durability.POWER_LOSS);
    CrashPoints.reached("migration-committed");
  }

  private static void copy(ChronicleStorage from, SegmentStorage to, String id) {
    try (ChronicleWorkflowStore source = (ChronicleWorkflowStore) from.claim(id, false)) {
      if (source == null) {
        return;
      }
      StatusRecord status = source.status().read();
      if (status == null) {
        return; // its DAG at most: it ran nothing
      }
      if (source.cancelRequested()
          && status.status() != WorkflowStatus.SUCCESSFUL
          && status.status() != WorkflowStatus.CANCELED) {
        // what the run that would have taken the request does first
        status = status.next(WorkflowStatus.CANCELED, null, System.currentTimeMillis());
      }
      try (WorkflowStore target = to.claim(id, true)) {
        Payload dag = source.dag().read();
        if (dag != null) {
          target.dag().write(dag.copy());
        }
        target.status().write(status);
        source.forEachValue(
            (key, value) ->
                target
                    .values()
                    .write(
                        key,
                        value.startMillis(),
                        value.endMillis(),
                        value.bytes(),
                        value.offset(),
                        value.length()));
        for (Map.Entry<String, byte[]> event : source.arrivedEvents().entrySet()) {
          to.postEvent(id, event.getKey(), event.getValue());
        }
        for (Map.Entry<String, String> expected : source.expectedEvents().entrySet()) {
          target.events().expect(expected.getKey(), expected.getValue());
        }
        Map<Long, Failures> failed =
            Failures.withInterrupted(
                source.attempts().readFailed(), source.attempts().interrupted());
        if (!failed.isEmpty()) {
          target.attempts().writeFailed(failed);
        }
      }
    } catch (WorkflowStillActiveException e) {
      throw new StorageException(
          "workflow '"
              + id
              + "' runs in another process (stop every process using the storage, older Waymark"
              + " versions included, and open it again)",
          e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
    FramedFiles.forceDirectory(to.getParent());
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new StorageException("cannot delete " + dir + ": " + e, e);
    }
  }
}
