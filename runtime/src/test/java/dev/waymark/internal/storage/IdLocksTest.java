package dev.waymark.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowStillActiveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids created alone: the runtime that creates ids alone writes a new workflow's CREATED record with
 * its DAG and first status, and every id it holds unwritten is written before another runtime may
 * create ids, so no id is ever created twice.
 */
class IdLocksTest {
  private static final byte[] DAG = {1, 2, 3};

  @TempDir Path dir;

  @Test
  void aRuntimeAloneWritesANewWorkflowInOneWrite() {
    SegmentStorage alone = open();
    Path log = dir.resolve("segments/0/log.bin");
    WorkflowStore store = alone.claim("wf", true);
    long before = size(log);
    assertEquals(List.of(), kinds(log), "nothing written at the claim");
    store.begin(DAG, StatusRecord.first(WorkflowStatus.RUNNING, 1));
    assertEquals(
        List.of(SegmentLog.CREATED, SegmentLog.DAG, SegmentLog.STATUS), kinds(log), "one write");
    assertTrue(size(log) > before);
    store.close();
    alone.close();

    SegmentStorage next = open();
    assertEquals(List.of("wf"), next.workflowIds());
    assertEquals(WorkflowStatus.RUNNING, next.readStatus("wf").status());
    next.close();
  }

  @Test
  void aSecondRuntimeSeesTheIdsTheFirstCreatedAloneAndHasNotWrittenYet() {
    SegmentStorage first = open();
    WorkflowStore held = first.claim("held", true); // created alone, not written
    assertEquals(List.of(), kinds(dir.resolve("segments/0/log.bin")));

    SegmentStorage second = open();
    assertThrows(WorkflowStillActiveException.class, () -> second.claim("held", true));
    assertEquals(List.of(SegmentLog.CREATED), kinds(dir.resolve("segments/0/log.bin")));

    // Both take the stripes now: ids each creates are seen by the other.
    WorkflowStore other = second.claim("other", true);
    other.begin(DAG, StatusRecord.first(WorkflowStatus.RUNNING, 1));
    assertThrows(WorkflowStillActiveException.class, () -> first.claim("other", true));
    held.begin(DAG, StatusRecord.first(WorkflowStatus.RUNNING, 1));
    assertEquals(WorkflowStatus.RUNNING, second.readStatus("held").status());
    other.close();
    held.close();
    second.close();
    first.close();

    SegmentStorage next = open();
    assertEquals(List.of("held", "other"), next.workflowIds().stream().sorted().toList());
    next.close();
  }

  @Test
  void closingARuntimeWritesTheIdsItCreatedAloneAndLetsTheNextOneBeAlone() {
    SegmentStorage first = open();
    first.claim("unbegun", true);
    first.close();
    assertEquals(List.of(SegmentLog.CREATED), kinds(dir.resolve("segments/0/log.bin")));

    SegmentStorage next = open();
    WorkflowStore store = next.claim("later", true);
    assertEquals(List.of(SegmentLog.CREATED), kinds(dir.resolve("segments/0/log.bin")));
    store.begin(DAG, StatusRecord.first(WorkflowStatus.RUNNING, 1));
    assertEquals(4, kinds(dir.resolve("segments/0/log.bin")).size());
    store.close();
    next.close();
  }

  private SegmentStorage open() {
    return SegmentStorage.open(dir, 4, Durability.PROCESS_CRASH, 0);
  }

  /** The kinds of the log's records, taking-over records left out. */
  private static List<Byte> kinds(Path file) {
    SegmentLog log = new SegmentLog(file, false, whole -> {}, whole -> {});
    List<Byte> kinds = new ArrayList<>();
    log.readNew(entry -> kinds.add(entry.kind()), all -> {});
    log.close();
    kinds.removeIf(kind -> kind == SegmentLog.ADOPTED);
    return kinds;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
