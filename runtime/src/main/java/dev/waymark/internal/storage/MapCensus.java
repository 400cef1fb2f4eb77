package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.MapSegmentContext;

/**
 * Checks that a key the maps' lookup did not find is really absent. Chronicle finds a key through
 * the hash lookup of the segment its hash picks; a damaged lookup slot hides a record that is
 * intact, and a damaged key byte hides it under another key. Either would let a committed step run
 * again. So on a miss, the entries of the key's segment are walked (in every map of the chain) and
 * their keys kept, sorted, for the next miss in that segment: a key the entries hold but the lookup
 * does not find is named as damage, and so is an entry whose checksum, which covers its key, fails
 * while the lookup does not find it under the key it holds now (a damaged value under an intact key
 * is named when it is read, with its task). A run touches each segment's walk at most once more per
 * key it removed, so the cost is bounded by one walk of the maps.
 *
 * <p>One thread at a time works on a given key (a task's records are written and read by the thread
 * running it), which is what lets an earlier walk stand for a segment.
 */
final class MapCensus {
  /** Whether an entry is intact: its checksum, which covers its key, holds. */
  interface EntryCheck {
    boolean intact(long key, byte[] value);
  }

  private final EntryCheck check;

  /** Per map, per segment: the keys its entries held when walked, sorted; null until walked. */
  private final Map<ChronicleMap<Long, byte[]>, long[][]> walked = new IdentityHashMap<>();

  MapCensus(EntryCheck check) {
    this.check = check;
  }

  /**
   * The lookup of every map in {@code links} missed {@code key}: fails when one of them holds it
   * all the same, or holds a damaged key in the segment {@code key} belongs to.
   */
  synchronized void missed(List<MapChain.Link<Long>> links, long key) {
    for (MapChain.Link<Long> link : links) {
      ChronicleMap<Long, byte[]> map = link.map();
      int segment;
      try (var query = map.queryContext(key)) {
        segment = query.segmentIndex();
      }
      long[][] segments = walked.computeIfAbsent(map, m -> new long[m.segments()][]);
      if (segments[segment] == null) {
        segments[segment] = walk(link, segment);
      }
      if (Arrays.binarySearch(segments[segment], key) >= 0) {
        segments[segment] = walk(link, segment); // the key may have been removed since
        if (Arrays.binarySearch(segments[segment], key) >= 0 && !map.containsKey(key)) {
          throw new CheckpointCorruptedException(
              link.file(),
              "holds record #"
                  + key
                  + ", but its hash lookup does not find it: the map's index is damaged; nothing"
                  + " stored is taken for a step that has not run",
              null);
        }
      }
    }
  }

  /**
   * The keys of segment {@code segment}'s entries, sorted; fails on an entry with a damaged key.
   */
  private long[] walk(MapChain.Link<Long> link, int segment) {
    List<Long> suspects = new ArrayList<>();
    long[][] found = {new long[16]};
    int[] count = {0};
    try (MapSegmentContext<Long, byte[], ?> context = link.map().segmentContext(segment)) {
      context.forEachSegmentEntry(
          entry -> {
            long key = entry.key().get();
            if (key == TaskKeys.OWNER) {
              return;
            }
            if (!check.intact(key, entry.value().get())) {
              suspects.add(key);
            }
            if (count[0] == found[0].length) {
              found[0] = Arrays.copyOf(found[0], count[0] * 2);
            }
            found[0][count[0]++] = key;
          });
    } catch (RuntimeException e) {
      throw new CheckpointCorruptedException(
          link.file(), "cannot be read through: " + MapFile.rootCause(e), e);
    }
    for (long suspect : suspects) {
      if (!link.map().containsKey(suspect)) {
        throw new CheckpointCorruptedException(
            link.file(),
            "holds a record whose key is damaged (its checksum does not match, and the map's"
                + " lookup does not find it): a stored record may be missing under its own key;"
                + " nothing stored is taken for a step that has not run",
            null);
      }
    }
    long[] keys = Arrays.copyOf(found[0], count[0]);
    Arrays.sort(keys);
    return keys;
  }
}
