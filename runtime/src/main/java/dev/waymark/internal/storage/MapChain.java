package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * A workflow's maps of one kind, {@code <kind>-0.cmap}, {@code <kind>-1.cmap}, ..., oldest first:
 * the newest takes the writes, and when it is full (a Chronicle map's capacity is fixed when it is
 * made) the next write goes to a new, twice larger one, so a workflow has no capacity limit. A key
 * is read from the newest map that holds it.
 */
final class MapChain<K> {
  /** One open map of the chain, and whether it was written since it was last forced. */
  record Link<K>(Path file, ChronicleMap<K, byte[]> map, long entries, AtomicBoolean written) {
    Link(Path file, ChronicleMap<K, byte[]> map, long entries) {
      this(file, map, entries, new AtomicBoolean());
    }

    /** Notes a write, after it was made: a force that clears the note covers the write. */
    void wrote() {
      if (!written.get()) {
        written.set(true);
      }
    }
  }

  /** Makes map {@code number} of the chain, with {@code entries} entries, open. */
  interface Maker<K> {
    Link<K> make(Path file, int number, long entries);
  }

  /** Opens an existing map of the chain, recovering it first when asked. */
  interface Opener<K> {
    ChronicleMap<K, byte[]> open(Path file, long entries, boolean recover);
  }

  private final Path dir;
  private final String kind;
  private final Maker<K> maker;
  private final Opener<K> opener;
  private final List<Link<K>> links = new CopyOnWriteArrayList<>();

  MapChain(Path dir, String kind, Maker<K> maker, Opener<K> opener) {
    this.dir = dir;
    this.kind = kind;
    this.maker = maker;
    this.opener = opener;
  }

  /** The chain's files on disk, in order. */
  List<Path> files() throws IOException {
    String prefix = kind + "-";
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().matches(prefix + "\\d+\\.cmap"))
          .sorted(Comparator.comparingInt(this::number))
          .toList();
    }
  }

  /**
   * Opens the chain's files, recovering them first when {@code recover}; a gap in the numbering is
   * a map that went missing.
   */
  void open(List<Path> files, long entries, boolean recover) {
    for (int i = 0; i < files.size(); i++) {
      if (number(files.get(i)) != i) {
        throw new CheckpointCorruptedException(
            dir.resolve(kind + "-" + i + ".cmap"), "is missing: the maps after it are there", null);
      }
      ChronicleMap<K, byte[]> map = opener.open(files.get(i), entries, recover);
      links.add(new Link<>(files.get(i), map, Math.max(entries, map.longSize() + 1024)));
    }
  }

  List<Link<K>> links() {
    return links;
  }

  boolean isEmpty() {
    return links.isEmpty();
  }

  boolean containsKey(K key) {
    for (Link<K> link : links) {
      if (link.map().containsKey(key)) {
        return true;
      }
    }
    return false;
  }

  /** The value under {@code key} in the newest map holding it, with that map; null if none. */
  Found get(K key) {
    for (int i = links.size() - 1; i >= 0; i--) {
      Link<K> link = links.get(i);
      byte[] value = link.map().get(key);
      if (value != null) {
        return new Found(link.file(), value);
      }
    }
    return null;
  }

  /** A value and the map file it was read from. */
  record Found(Path file, byte[] value) {}

  /**
   * Puts {@code value} in the newest map (made first, with {@code firstEntries} entries, when there
   * is none), or in a new one when that is full; returns whether the key was new to that map.
   */
  boolean put(K key, byte[] value, long firstEntries, SpaceCheck space) {
    if (links.isEmpty()) {
      synchronized (this) {
        if (links.isEmpty()) {
          links.add(maker.make(dir.resolve(kind + "-0.cmap"), 0, firstEntries));
        }
      }
    }
    Link<K> current = links.get(links.size() - 1);
    space.check(current.file(), value.length);
    try {
      boolean fresh = current.map().put(key, value) == null;
      current.wrote();
      return fresh;
    } catch (IllegalStateException | IllegalArgumentException full) {
      // The map's fixed capacity is spent (Chronicle: "extra segment tier" / "Entry is too large"):
      // continue in a new, larger map.
      Link<K> next = rollOver(current);
      space.check(next.file(), value.length);
      try {
        boolean fresh = next.map().put(key, value) == null;
        next.wrote();
        return fresh;
      } catch (RuntimeException | InternalError e) {
        throw cannotStore(next, key, e);
      }
    } catch (RuntimeException | InternalError e) {
      // InternalError: the JVM's report of a fault in a memory-mapped page (SIGBUS), which is how
      // a full device shows when a map grows into space the file system cannot give it.
      throw cannotStore(current, key, e);
    }
  }

  /** Checks that about {@code bytes} may be written to {@code file} (the free-space reserve). */
  interface SpaceCheck {
    void check(Path file, long bytes);
  }

  /** Removes {@code key} from every map; returns whether any held it. */
  boolean remove(K key) {
    boolean removed = false;
    for (Link<K> link : links) {
      if (link.map().remove(key) != null) {
        link.wrote();
        removed = true;
      }
    }
    return removed;
  }

  /** How many entries the maps hold. */
  long size() {
    long size = 0;
    for (Link<K> link : links) {
      size += link.map().longSize();
    }
    return size;
  }

  private synchronized Link<K> rollOver(Link<K> full) {
    Link<K> last = links.get(links.size() - 1);
    if (last != full) {
      return last; // another thread rolled over already
    }
    int number = number(full.file()) + 1;
    Link<K> next =
        maker.make(dir.resolve(kind + "-" + number + ".cmap"), number, full.entries() * 2);
    links.add(next);
    return next;
  }

  /**
   * A put that failed may have left part of its entry: it is removed (a full device still allows
   * that), so the record is simply not stored and its step runs again on resume.
   */
  private static <K> StorageException cannotStore(Link<K> link, K key, Throwable e) {
    try {
      link.map().remove(key);
    } catch (RuntimeException | InternalError suppressed) {
      e.addSuppressed(suppressed); // a damaged entry left behind fails its checksum when read
    }
    return new StorageException(
        "cannot store the record of key "
            + (key instanceof byte[] pair ? MapFile.describePair(pair) : "#" + key)
            + " in "
            + link.file()
            + ": "
            + MapFile.rootCause(e),
        e);
  }

  /**
   * Forces the maps of the chain written since they were last forced to the device; returns whether
   * there were any.
   */
  boolean force() {
    boolean forced = false;
    for (Link<K> link : links) {
      if (link.written().getAndSet(false)) {
        force(link);
        forced = true;
      }
    }
    return forced;
  }

  /** Forces every map of the chain to the device (after a recovery wrote to them, say). */
  void forceAll() {
    for (Link<K> link : links) {
      link.written().set(false);
      force(link);
    }
  }

  private static <K> void force(Link<K> link) {
    try (FileChannel channel = FileChannel.open(link.file(), StandardOpenOption.READ)) {
      channel.force(false);
    } catch (IOException e) {
      link.wrote(); // not forced: the next force tries again
      throw new StorageException("cannot force " + link.file() + " to the device: " + e, e);
    }
  }

  void close() {
    for (Link<K> link : links) {
      link.map().close();
    }
    links.clear();
  }

  private int number(Path file) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring(kind.length() + 1, name.length() - ".cmap".length()));
  }
}
