package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Durability;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.internal.storage.ChronicleStorage;
import dev.waymark.internal.storage.SegmentStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment's maps stay within the size they were made for: a long workflow moves on to a larger
 * map instead of chaining extra tiers (each of which every new key searches), and deleting it frees
 * its entries at once.
 */
class SegmentMapsTest {
  /** More records than a segment's first map is made for (65,536). */
  private static final int STEPS = 70_000;

  @TempDir Path dir;

  @BeforeEach
  void inSegments() {
    SegmentStorage.open(dir, 8, Durability.PROCESS_CRASH, ChronicleStorage.DEFAULT_RESERVE).close();
  }

  private static Workflow<Integer> chain() {
    Workflow<Integer> chain = Workflow.of(0);
    for (int i = 0; i < STEPS; i++) {
      chain = TestSteps.inc(chain);
    }
    return chain;
  }

  @Test
  void aLongWorkflowMovesToALargerMapInsteadOfOverfillingTheFirst() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(STEPS, waymark.run(chain(), "long"));
    }
    List<Path> maps = recordsMaps();
    assertEquals(2, maps.size(), "a second records map: " + maps);
    try (ChronicleMap<byte[], byte[]> first = open(maps.get(0))) {
      assertTrue(first.longSize() <= 65_536, first.longSize() + " entries");
      assertFalse(
          ((VanillaChronicleHash<?, ?, ?, ?>) first).hasExtraTierBulks(),
          "no extra tiers were added to the first map");
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(50_001, (Integer) waymark.getOutput("long", "inc_50000"));
    }
  }

  @Test
  void deletingALongWorkflowFreesItsEntriesAtOnce() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "short"));
      assertEquals(STEPS, waymark.run(chain(), "long"));
      waymark.delete("long");
      assertEquals(3, (Integer) waymark.getOutput("short"));
    }
    long held = 0;
    for (Path map : recordsMaps()) {
      try (ChronicleMap<byte[], byte[]> records = open(map)) {
        held += records.longSize();
      }
    }
    assertTrue(held < 100, held + " entries are left, of the short workflow only");
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, (Integer) waymark.getOutput("short"));
    }
  }

  private List<Path> recordsMaps() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("segments").resolve("0"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("records-\\d+\\.cmap"))
          .sorted()
          .toList();
    }
  }

  private static ChronicleMap<byte[], byte[]> open(Path map) throws Exception {
    return ChronicleMapBuilder.of(byte[].class, byte[].class)
        .entries(1)
        .constantKeySizeBySample(new byte[16])
        .averageValueSize(48)
        .createPersistedTo(map.toFile());
  }
}
