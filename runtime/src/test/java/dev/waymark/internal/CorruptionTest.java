package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.exceptions.CheckpointCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files are named in the error and never read as values. */
class CorruptionTest {
  @TempDir Path dir;

  private Path workflowDir(String id) {
    return dir.resolve("workflows").resolve(id);
  }

  @Test
  void flippedByteInAStoredOutputIsDetectedAndNamed() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.bytes(200), "flip");
    }
    Path map = workflowDir("flip").resolve("records-0.cmap");
    byte[] file = Files.readAllBytes(map);
    int at = indexOfPattern(file);
    assertTrue(at > 0, "the output's bytes are in the map file");
    file[at + 100] ^= 0x5a;
    Files.write(map, file);
    try (Waymark waymark = Waymark.open(dir)) {
      CheckpointCorruptedException e =
          assertThrows(CheckpointCorruptedException.class, () -> waymark.getOutput("flip"));
      assertEquals(map, e.file());
      assertTrue(e.getMessage().contains(map.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  /** Where the step's output (bytes 0, 1, 2, ... 199) starts in {@code file}. */
  private static int indexOfPattern(byte[] file) {
    outer:
    for (int i = 0; i + 200 <= file.length; i++) {
      for (int j = 0; j < 200; j++) {
        if (file[i + j] != (byte) j) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void truncatedDagIsNamed() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "dag");
    }
    Path dag = workflowDir("dag").resolve("dag.bin");
    byte[] bytes = Files.readAllBytes(dag);
    Files.write(dag, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    try (Waymark waymark = Waymark.open(dir)) {
      CheckpointCorruptedException e =
          assertThrows(CheckpointCorruptedException.class, () -> waymark.getOutput("dag"));
      assertEquals(dag, e.file());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void foreignMapFileIsNamed() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "foreign");
    }
    Path map = workflowDir("foreign").resolve("records-0.cmap");
    byte[] noise = new byte[(int) Files.size(map)];
    new Random(7).nextBytes(noise);
    Files.write(map, noise);
    try (Waymark waymark = Waymark.open(dir)) {
      CheckpointCorruptedException e =
          assertThrows(CheckpointCorruptedException.class, () -> waymark.getOutput("foreign"));
      assertEquals(map, e.file());
    }
  }

  @Test
  void newerFormatVersionIsNamed() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "newer");
    }
    Path status = workflowDir("newer").resolve("status.bin");
    byte[] bytes = Files.readAllBytes(status);
    bytes[7] = 9; // format version 9
    Files.write(status, bytes);
    try (Waymark waymark = Waymark.open(dir)) {
      CheckpointCorruptedException e =
          assertThrows(CheckpointCorruptedException.class, () -> waymark.getStatus("newer"));
      assertEquals(status, e.file());
      assertTrue(e.getMessage().contains("newer Waymark"), e.getMessage());
    }
  }

  @Test
  void aStorageWrittenByANewerFormatIsRefusedWhenOpened() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "kept");
    }
    Path format = dir.resolve("format.bin");
    byte[] bytes = Files.readAllBytes(format);
    bytes[7] = 9; // format version 9
    Files.write(format, bytes);
    CheckpointCorruptedException e =
        assertThrows(CheckpointCorruptedException.class, () -> Waymark.open(dir));
    assertEquals(format, e.file());
    assertTrue(e.getMessage().contains("newer Waymark"), e.getMessage());
    assertTrue(Files.exists(workflowDir("kept").resolve("dag.bin")), "nothing was touched");
  }

  @Test
  void aStorageWrittenByAnOlderFormatIsRefusedWithWhatToDo() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "kept");
    }
    Path format = dir.resolve("format.bin");
    byte[] bytes = Files.readAllBytes(format);
    bytes[7] = 1; // format version 1: DAGs without step shapes
    Files.write(format, bytes);
    CheckpointCorruptedException e =
        assertThrows(CheckpointCorruptedException.class, () -> Waymark.open(dir));
    assertEquals(format, e.file());
    assertTrue(e.getMessage().contains("older Waymark"), e.getMessage());
    assertTrue(e.getMessage().contains("finish its workflows with that version"), e.getMessage());
    assertTrue(Files.exists(workflowDir("kept").resolve("dag.bin")), "nothing was touched");
  }

  @Test
  void largeOutputsStayReadableAcrossReopen() throws Exception {
    byte[] expected;
    try (Waymark waymark = Waymark.open(dir)) {
      expected = waymark.run(TestSteps.bytes(64 * 1024), "large");
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertArrayEquals(expected, waymark.getOutput("large"));
    }
  }

  /**
   * A damaged hash-lookup slot hides a record that is intact: Chronicle's lookup no longer finds
   * the key. The run of a finished workflow would then run its committed steps again; the census of
   * the map's entries names the damage instead.
   */
  @Test
  void aDamagedLookupThatHidesACommittedRecordIsNamedNotRunAgain() throws Exception {
    Workflow<Integer> chain = TestSteps.inc(TestSteps.inc(TestSteps.inc(Workflow.of(1))));
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(4, waymark.run(chain, "lookup"));
    }
    Path map = workflowDir("lookup").resolve("records-0.cmap");
    byte[] original = Files.readAllBytes(map);
    int at = lookupByteHidingARecord(original, dir.resolve("probe.cmap"));
    assertTrue(at > 0, "some byte of the map hides a record from the lookup");
    byte[] damaged = original.clone();
    damaged[at] = (byte) ~damaged[at];
    Files.write(map, damaged);
    int runsBefore = TestSteps.runs("inc");
    try (Waymark waymark = Waymark.open(dir)) {
      CheckpointCorruptedException e =
          assertThrows(CheckpointCorruptedException.class, () -> waymark.run(chain, "lookup"));
      assertEquals(map, e.file());
      assertTrue(e.getMessage().contains("hash lookup"), e.getMessage());
    }
    assertEquals(runsBefore, TestSteps.runs("inc"), "no committed step ran again");
  }

  /** A builder for opening a workflow's records map (its header holds the rest). */
  private static net.openhft.chronicle.map.ChronicleMapBuilder<Long, byte[]> mapBuilder() {
    return net.openhft.chronicle.map.ChronicleMapBuilder.of(Long.class, byte[].class)
        .entries(2048)
        .averageValueSize(24);
  }

  /**
   * The first byte of {@code map} whose flip leaves every entry in place (an iteration still finds
   * them all) while a lookup of one of their keys fails; -1 when there is none.
   */
  private static int lookupByteHidingARecord(byte[] map, Path probe) throws Exception {
    java.util.Set<Long> keys = new java.util.HashSet<>();
    Files.write(probe, map);
    try (var opened = mapBuilder().createPersistedTo(probe.toFile())) {
      keys.addAll(opened.keySet());
    }
    for (int at = 4096; at < map.length; at++) {
      if (map[at] == 0) {
        continue;
      }
      byte[] copy = map.clone();
      copy[at] = (byte) ~copy[at];
      Files.write(probe, copy);
      try (var opened = mapBuilder().createPersistedTo(probe.toFile())) {
        // a copy: the key set's own equals() would look the keys up
        if (new java.util.HashSet<>(opened.keySet()).equals(keys)
            && !keys.stream().allMatch(opened::containsKey)) {
          return at;
        }
      } catch (RuntimeException e) {
        // this flip breaks the map some other way
      }
    }
    return -1;
  }
}
