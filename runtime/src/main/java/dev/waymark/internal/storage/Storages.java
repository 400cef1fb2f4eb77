package dev.waymark.internal.storage;

import dev.waymark.Durability;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a storage in the layout it was written in, or, for a new one, the layout chosen. */
public final class Storages {
  /**
   * The system property that chooses the layout of a new storage: {@code segments} for many
   * workflows per set of files, else one directory per workflow.
   */
  public static final String LAYOUT_PROPERTY = "waymark.storage.layout";

  private Storages() {}

  /** Opens the storage in {@code root} with default settings. */
  public static Storage open(Path root) {
    return open(root, 64, Durability.PROCESS_CRASH, ChronicleStorage.DEFAULT_RESERVE);
  }

  /**
   * Opens the storage in {@code root}: in segments when it already has them, or when it is new and
   * {@link #LAYOUT_PROPERTY} says {@code segments}; else a directory per workflow.
   */
  public static Storage open(
      Path root, int inFlightSlots, Durability durability, long freeSpaceReserve) {
    boolean segments =
        Files.isDirectory(root.resolve("segments"))
            || (!Files.isDirectory(root.resolve("workflows"))
                && "segments".equals(System.getProperty(LAYOUT_PROPERTY)));
    return segments
        ? SegmentStorage.open(root, inFlightSlots, durability, freeSpaceReserve)
        : ChronicleStorage.open(root, inFlightSlots, durability, freeSpaceReserve);
  }
}
