package dev.waymark.internal.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage-wide catalogue of step shapes: each in {@code shapes/<hash>.bin}, once per storage,
 * written whole and renamed, so that any reader sees it all or not at all.
 */
final class ShapeFiles implements Storage.Shapes {
  static final int SHAPE_MAGIC = 0x574d5348; // "WMSH"

  private final Path dir;
  private final boolean force;

  /** The shapes this process knows are kept. */
  private final Set<Long> kept = ConcurrentHashMap.newKeySet();

  ShapeFiles(Path root, boolean force) {
    this.dir = root.resolve("shapes");
    this.force = force;
  }

  @Override
  public void record(long hash, String text) {
    if (kept.contains(hash)) {
      return;
    }
    Path file = file(hash);
    if (!Files.exists(file)) {
      ChronicleStorage.createPrivateDirectories(dir);
      FramedFiles.write(file, SHAPE_MAGIC, text.getBytes(StandardCharsets.UTF_8), force);
    }
    kept.add(hash);
  }

  @Override
  public String read(long hash) {
    byte[] bytes = FramedFiles.read(file(hash), SHAPE_MAGIC, "step shape");
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private Path file(long hash) {
    return dir.resolve(String.format("%016x.bin", hash));
  }
}
