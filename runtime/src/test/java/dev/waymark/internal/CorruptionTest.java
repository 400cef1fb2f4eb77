package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.CheckpointCorruptedException;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
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
}
