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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * A workflow's maps of one kind, {@code <kind>-0.cmap}, {@code <kind>-1.cmap}, ..., oldest first:
 * the newest takes the writes, and when it holds the entries it was made for, the next write goes
 * to a new, twice larger one, so a workflow has no capacity limit. A key is read from the newest
 * map that holds it.
 *
 * <p>A Chronicle map can take up to {@code maxBloatFactor} times more entries than it was made for,
 * in extra tiers chained to its segments, but each new key then searches every tier of its segment:
 * a put into a map twice over its size costs about twice as much. So a chain moves on at the size,
 * and the extra tiers only absorb the entries of puts that raced past it, and a skewed segment.
 */
final class MapChain<K> {
  /**
   * One open map of the chain, whether it was written since it was last forced, and about how many
   * entries it holds (counted as they are put and removed, from its size when it was opened).
   */
  record Link<K>(
      Path file,
      ChronicleMap<K, byte[]> map,
      long entries,
      AtomicBoolean written,
      AtomicLong held) {
    Link(Path file, ChronicleMap<K, byte[]> map, long entries) {
      this(file, map, entries, new AtomicBoolean(), new AtomicLong(map.longSize()));
    }

    /** Whether it holds the entries it was made for: new keys go to the next map. */
    boolean full() {
      return held.get() >= entries;
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
      // made for twice the entries of the map before it (see rollOver), or more
      long madeFor = entries << Math.min(i, 24);
      links.add(new Link<>(files.get(i), map, Math.max(madeFor, map.longSize() + 1024)));
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
    if (current.full()) {
      current = rollOver(current);
    }
    space.check(current.file(), value.length);
    try {
      return put(current, key, value);
    } catch (IllegalStateException | IllegalArgumentException full) {
      // The map's fixed capacity is spent after all (Chronicle: "extra segment tier" / "Entry is
      // too large"): continue in a new, larger map.
      Link<K> next = rollOver(current);
      space.check(next.file(), value.length);
      try {
        return put(next, key, value);
      } catch (RuntimeException | InternalError e) {
        throw cannotStore(next, key, e);
      }
    } catch (RuntimeException | InternalError e) {
      // InternalError: the JVM's report of a fault in a memory-mapped page (SIGBUS), which is how
      // a full device shows when a map grows into space the file system cannot give it.
      throw cannotStore(current, key, e);
    }
  }

  private static <K> boolean put(Link<K> link, K key, byte[] value) {
    boolean fresh = link.map().put(key, value) == null;
    link.wrote();
    if (fresh) {
      link.held().incrementAndGet();
    }
    return fresh;
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
        link.held().decrementAndGet();
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

  /** About how many entries the maps hold (see {@link Link#held}). */
  long held() {
    long held = 0;
    for (Link<K> link : links) {
      held += link.held().get();
    }
    return held;
  }

  /** Counts again what each map holds, after entries were removed other than by {@link #remove}. */
  void recount() {
    for (Link<K> link : links) {
      link.held().set(link.map().longSize());
    }
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
