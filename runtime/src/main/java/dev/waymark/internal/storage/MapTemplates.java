package dev.waymark.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The empty maps new record maps are copies of, one per size, in {@code templates/}: Chronicle
 * forces a map it creates to the device (msync), which costs milliseconds per workflow; a copy of a
 * file the page cache holds costs microseconds. A template's name carries the CRC-32C of its bytes,
 * so a template damaged after it was made is never copied: it is replaced.
 */
final class MapTemplates {
  private final Path dir;
  private final Map<Long, MapFile.Template> known = new ConcurrentHashMap<>();
  private volatile boolean unusable;

  MapTemplates(Path root) {
    this.dir = root.resolve("templates");
  }

  /** The template for maps of {@code entries} entries, made when missing; null if it cannot be. */
  synchronized MapFile.Template get(long entries) {
    if (unusable) {
      return null;
    }
    MapFile.Template template = known.get(entries);
    if (template != null) {
      return template;
    }
    String prefix = "map-v" + FramedFiles.FORMAT_VERSION + "-" + entries + "-";
    try {
      ChronicleStorage.createPrivateDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        template =
            files
                .filter(f -> f.getFileName().toString().startsWith(prefix))
                .filter(f -> f.getFileName().toString().endsWith(".cmap"))
                .findFirst()
                .map(f -> new MapFile.Template(f, crcInName(f, prefix)))
                .orElse(null);
      }
      if (template == null) {
        Path temp = dir.resolve(prefix + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temp);
        MapFile.builder(entries).createPersistedTo(temp.toFile()).close();
        byte[] bytes = Files.readAllBytes(temp);
        int crc = FramedFiles.crc(bytes, 0, bytes.length);
        Path file = dir.resolve(prefix + Integer.toHexString(crc) + ".cmap");
        // Another process may have made it meanwhile: both are the same empty map.
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        template = new MapFile.Template(file, crc);
      }
      known.put(entries, template);
      return template;
    } catch (IOException | RuntimeException e) {
      unusable = true; // each map is then created, which is slower but works
      return null;
    }
  }

  private static int crcInName(Path file, String prefix) {
    String name = file.getFileName().toString();
    return Integer.parseUnsignedInt(name.substring(prefix.length(), name.length() - 5), 16);
  }

  /** A copy of {@code template} could not be made or opened: make a new one next time. */
  synchronized void drop(MapFile.Template template) {
    known.values().remove(template);
    try {
      Files.deleteIfExists(template.file());
    } catch (IOException e) {
      unusable = true;
    }
  }
}
