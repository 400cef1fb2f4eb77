package dev.waymark.internal.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every append to the logs of the segments this process owns, each with its update of the index,
 * both under the log's monitor, under which a compaction moves the records the index points to.
 *
 * <p>A workflow created alone (see IdLocks) is in the index before its CREATED record is in the
 * log: that record goes into the workflow's first append, or is written by {@link #writeCreated}
 * before another runtime may create ids.
 */
final class SegmentAppends {
  private final SegmentIndex index;

  /** The workflows created alone whose CREATED record is not written yet. */
  private final Set<SegmentIndex.Workflow> unwritten = ConcurrentHashMap.newKeySet();

  SegmentAppends(SegmentIndex index) {
    this.index = index;
  }

  /**
   * Takes a workflow created alone into the index, with nothing written: it is in no log, so no
   * compaction moves it, and the log's monitor is not needed. Under the id locks' monitor.
   */
  SegmentIndex.Workflow createdAlone(Segment segment, long number, String id) {
    index.apply(
        segment,
        new SegmentLog.Entry(SegmentLog.CREATED, number, -1, id.getBytes(StandardCharsets.UTF_8)));
    SegmentIndex.Workflow workflow = index.get(id);
    workflow.unwritten = true;
    unwritten.add(workflow);
    return workflow;
  }

  /**
   * Writes the CREATED records of the workflows created alone that have none yet, before this
   * runtime stops creating alone; under the id locks' monitor, so it takes only the logs' monitors.
   */
  void writeCreated() {
    for (SegmentIndex.Workflow workflow : List.copyOf(unwritten)) {
      synchronized (workflow.segment.log) {
        if (workflow.unwritten) {
          appendOf(workflow, new byte[0], new byte[0][]);
        }
      }
    }
  }

  /** Appends a record of a workflow and takes it into the index. */
  void apply(SegmentIndex.Workflow workflow, byte kind, byte[] data) {
    Segment segment = workflow.segment;
    synchronized (segment.log) {
      long at = appendOf(workflow, new byte[] {kind}, new byte[][] {data})[0];
      index.apply(segment, new SegmentLog.Entry(kind, workflow.number, at, data));
      if (kind == SegmentLog.DELETED) {
        // its values are in the maps until a sweep: a compaction keeps the deletion
        segment.dead.add(workflow.number);
      }
    }
    LogCompaction.ifDue(segment, index);
  }

  /** Appends a record that is not of a stored workflow's (or creates one) and indexes it. */
  void apply(Segment segment, byte kind, long number, byte[] data) {
    synchronized (segment.log) {
      long at = segment.log.append(kind, number, data);
      index.apply(segment, new SegmentLog.Entry(kind, number, at, data));
    }
    LogCompaction.ifDue(segment, index);
  }

  /**
   * Appends a new workflow's DAG and first status in one write (see WorkflowStore#begin), with its
   * CREATED record when that waited for them.
   */
  void begin(SegmentIndex.Workflow workflow, byte[] dag, StatusRecord first) {
    Segment segment = workflow.segment;
    synchronized (segment.log) {
      long[] at =
          appendOf(
              workflow,
              new byte[] {SegmentLog.DAG, SegmentLog.STATUS},
              new byte[][] {dag, first.encode()});
      workflow.dagAt = at[0];
      workflow.status(first, at[1]);
    }
    LogCompaction.ifDue(segment, index);
  }

  /** Appends a status of a workflow, and keeps it as the index would. */
  void writeStatus(SegmentIndex.Workflow workflow, StatusRecord status) {
    synchronized (workflow.segment.log) {
      long[] at =
          appendOf(workflow, new byte[] {SegmentLog.STATUS}, new byte[][] {status.encode()});
      workflow.status(status, at[0]);
    }
    LogCompaction.ifDue(workflow.segment, index);
  }

  /**
   * Appends records of a workflow, after its CREATED record when that is not written yet, in one
   * write; returns where each of the records asked for starts. The caller holds the log's monitor.
   */
  private long[] appendOf(SegmentIndex.Workflow workflow, byte[] kinds, byte[][] data) {
    SegmentLog log = workflow.segment.log;
    if (!workflow.unwritten) {
      return log.append(kinds, workflow.number, data);
    }
    byte[] withCreated = new byte[kinds.length + 1];
    withCreated[0] = SegmentLog.CREATED;
    System.arraycopy(kinds, 0, withCreated, 1, kinds.length);
    byte[][] withName = new byte[data.length + 1][];
    withName[0] = workflow.id.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(data, 0, withName, 1, data.length);
    long[] at = log.append(withCreated, workflow.number, withName);
    workflow.unwritten = false;
    unwritten.remove(workflow);
    return Arrays.copyOfRange(at, 1, at.length);
  }
}
