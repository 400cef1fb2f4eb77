package dev.waymark.internal.storage;

import dev.waymark.Durability;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a storage in the layout it was written in, or, for a new one, the layout chosen. */
public final class Storages {
  /**
   * The system property that keeps the former layout, a directory per workflow, when it says {@code
   * directories}: for a new storage, and for one written in that layout, which is then not moved
   * into segments.
   */
  public static final String LAYOUT_PROPERTY = "waymark.storage.layout";

  private Storages() {}

  /** Opens the storage in {@code root} with default settings. */
  public static Storage open(Path root) {
    return open(root, 64, Durability.PROCESS_CRASH, ChronicleStorage.DEFAULT_RESERVE);
  }

  /**
   * Opens the storage in {@code root}: in segments, unless {@link #LAYOUT_PROPERTY} says {@code
   * directories} and the storage is new or already written as a directory per workflow. A storage
   * written as a directory per workflow is moved into segments first ({@link Migration}).
   */
  public static Storage open(
      Path root, int inFlightSlots, Durability durability, long freeSpaceReserve) {
    Path absolute = root.toAbsolutePath().normalize();
    boolean directories = "directories".equals(System.getProperty(LAYOUT_PROPERTY));
    boolean inSegments = Files.isDirectory(absolute.resolve("segments"));
    boolean inDirectories = Files.isDirectory(absolute.resolve("workflows"));
    if (directories && !inSegments) {
      return ChronicleStorage.open(absolute, inFlightSlots, durability, freeSpaceReserve);
    }
    if (inDirectories) {
      JvmFlags.check();
      Migration.toSegments(absolute, inFlightSlots, durability, freeSpaceReserve);
    }
    return SegmentStorage.open(absolute, inFlightSlots, durability, freeSpaceReserve);
  }
}
