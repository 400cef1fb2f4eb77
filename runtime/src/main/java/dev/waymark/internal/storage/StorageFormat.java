package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A storage's {@code format.bin}: the format its files were written in, checked as it opens, so
 * that a storage written by a newer Waymark, or in a layout this one does not read, is refused as a
 * whole before any of its workflows is touched. Format 2 is a directory per workflow; format 3 is
 * segments, which a Waymark that reads only format 2 refuses, naming the version.
 */
final class StorageFormat {
  static final String FILE = "format.bin";
  static final int DIRECTORIES = FramedFiles.FORMAT_VERSION;
  static final int SEGMENTS = 3;

  private static final int MAGIC = 0x574d464d; // "WMFM"

  private StorageFormat() {}

  /**
   * The format of the storage in {@code root}, or 0 when it has no mark yet.
   *
   * @throws CheckpointCorruptedException when the mark is damaged, or of a format this Waymark does
   *     not read
   */
  static int of(Path root) {
    Path file = root.resolve(FILE);
    int version = FramedFiles.version(file);
    if (version == 0 && !Files.exists(file)) {
      return 0;
    }
    int expected = version <= DIRECTORIES ? DIRECTORIES : SEGMENTS;
    FramedFiles.read(file, MAGIC, expected, 0, "storage format"); // names any other version
    return expected;
  }

  /** Marks the storage in {@code root} as written in {@code format}. */
  static void mark(Path root, int format, boolean force) {
    FramedFiles.write(root.resolve(FILE), MAGIC, format, 0, new byte[0], force);
  }

  /** Checks the storage is in {@code format}, marking it so when it has no mark yet. */
  static void require(Path root, int format, boolean force) {
    int found = of(root);
    if (found == 0) {
      mark(root, format, force);
    } else if (found != format) {
      throw new CheckpointCorruptedException(
          root.resolve(FILE),
          "says the storage is "
              + (found == SEGMENTS ? "in segments" : "a directory per workflow")
              + " (format "
              + found
              + "), not "
              + (format == SEGMENTS ? "in segments" : "a directory per workflow")
              + ": open it through Waymark.builder(), which opens either",
          null);
    }
  }
}
