package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Durability;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.internal.storage.ChronicleStorage;
import dev.waymark.internal.storage.SegmentStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A storage in segments: damage to its files is named with the file, never absorbed. */
class SegmentIntegrityTest {
  @TempDir Path dir;

  @BeforeEach
  void inSegments() {
    SegmentStorage.open(dir, 8, Durability.PROCESS_CRASH, ChronicleStorage.DEFAULT_RESERVE).close();
  }

  private Path segment() {
    return dir.resolve("segments").resolve("0");
  }

  @Test
  void anOlderCopyOfTheRecordsMapIsNamedNotTakenForStepsThatDidNotRun() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "first"));
    }
    Path map = segment().resolve("records-0.cmap");
    Path older = dir.resolve("older.cmap");
    Files.copy(map, older);
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(4, waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(2))), "second"));
    }
    Files.copy(older, map, StandardCopyOption.REPLACE_EXISTING);
    try (Waymark waymark = Waymark.open(dir)) {
      CheckpointCorruptedException e =
          assertThrows(CheckpointCorruptedException.class, () -> waymark.getOutput("second"));
      assertEquals(map, e.file());
      assertTrue(e.getMessage().contains("were committed: records were lost"), e.getMessage());
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("second"), "the log still says");
    }
  }

  @Test
  void aDamagedLogRecordIsNamedWithItsFileAndPlace() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "one");
      waymark.run(TestSteps.inc(Workflow.of(2)), "two");
    }
    Path log = segment().resolve("log.bin");
    byte[] bytes = Files.readAllBytes(log);
    bytes[20] ^= 0x40; // the length of the second record (the first is 20 bytes), before others
    Files.write(log, bytes);
    CheckpointCorruptedException e =
        assertThrows(CheckpointCorruptedException.class, () -> Waymark.open(dir));
    assertEquals(log, e.file());
    assertTrue(e.getMessage().contains("damaged record at byte 20"), e.getMessage());
  }

  @Test
  void aTornLastLogRecordIsCutOffAndTheRestIsKept() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "kept");
    }
    Path log = segment().resolve("log.bin");
    long whole = Files.size(log);
    // What a power loss can leave: the start of a record whose rest never reached the device.
    Files.write(log, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(2, (Integer) waymark.getOutput("kept"));
      assertEquals(3, waymark.run(TestSteps.inc(Workflow.of(2)), "after"));
    }
    assertTrue(Files.size(log) > whole, "appended after the cut");
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, (Integer) waymark.getOutput("after"));
      assertEquals(2, waymark.list().size());
    }
  }
}
