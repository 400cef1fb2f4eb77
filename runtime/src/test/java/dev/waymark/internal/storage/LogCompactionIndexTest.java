package dev.waymark.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a compacted log keeps of each workflow, seen by its owner, by another storage reading it
 * while it is compacted, and by the next owner: the DAG, the latest status, the expected events,
 * the failed attempts; nothing of a deleted workflow; and no workflow number given twice.
 */
class LogCompactionIndexTest {
  @TempDir Path dir;

  @Test
  void aCompactedLogKeepsEveryWorkflowsLatestRecords() throws Exception {
    byte[] dag = {1, 2, 3, 4};
    Map<Long, Failures> failed = Map.of(5L, new Failures(2, 1));
    SegmentStorage owner = SegmentStorage.open(dir, 4, Durability.PROCESS_CRASH, 0);
    SegmentStorage reader = SegmentStorage.open(dir, 4, Durability.PROCESS_CRASH, 0);
    WorkflowStore kept = owner.claim("kept", true);
    kept.begin(dag, StatusRecord.first(WorkflowStatus.RUNNING, 1));
    kept.events().expect("go", "java.lang.String");
    kept.attempts().writeFailed(failed);
    WorkflowStore gone = owner.claim("gone", true);
    gone.begin(dag, StatusRecord.first(WorkflowStatus.RUNNING, 1));
    for (long key = 1; key <= 2000; key++) {
      gone.values().write(key, 1, 2, dag, 0, dag.length);
    }
    gone.deleteAll(); // enough values for the deletion to sweep them from the maps at once
    assertEquals("java.lang.String", reader.readEventExpectation("kept", "go"));

    // Each change of what a key expects is a record: enough of them fill 4 MB, and the log is
    // compacted, then compacted again as it doubles.
    Path log = dir.resolve("segments/0/log.bin");
    long longest = 0;
    for (int i = 0; i < 200_000; i++) {
      kept.events().expect("flip", i % 2 == 0 ? "A" : "B");
      if (i % 1000 == 0) {
        longest = Math.max(longest, Files.size(log));
        assertEquals(i % 2 == 0 ? "A" : "B", reader.readEventExpectation("kept", "flip"));
        assertArrayEquals(dag, reader.readDag("kept").copy());
      }
    }
    kept.status().write(StatusRecord.first(WorkflowStatus.SUCCESSFUL, 2));
    assertTrue(Files.size(log) < longest, Files.size(log) + " bytes after " + longest);

    assertKept(owner, kept, dag, failed);
    assertKept(reader, reader.view("kept"), dag, failed);
    kept.close();
    reader.close();
    owner.close();

    SegmentStorage next = SegmentStorage.open(dir, 4, Durability.PROCESS_CRASH, 0);
    assertKept(next, next.view("kept"), dag, failed);
    WorkflowStore fresh = next.claim("fresh", true);
    assertTrue(
        fresh.location().endsWith("(workflow #2)"),
        "a number no workflow had: " + fresh.location());
    fresh.close();
    next.close();
  }

  private static void assertKept(
      SegmentStorage storage, WorkflowStore kept, byte[] dag, Map<Long, Failures> failed) {
    assertEquals(WorkflowStatus.SUCCESSFUL, storage.readStatus("kept").status());
    assertArrayEquals(dag, storage.readDag("kept").copy());
    assertEquals("java.lang.String", storage.readEventExpectation("kept", "go"));
    assertEquals("B", storage.readEventExpectation("kept", "flip"), "the last of 200,000");
    assertNull(storage.readStatus("gone"));
    assertEquals(java.util.List.of("kept"), storage.workflowIds());
    assertEquals(failed, kept.attempts().readFailed());
  }
}
