package dev.waymark.internal.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every append to the logs of the segments this process owns, each with its update of the index,
 * both under the log's monitor, under which a compaction moves the records the index points to.
 *
 * <p>A new workflow's first records and every status go in groups: a thread queues its append, then
 * takes the log's monitor, and the first thread to hold it writes every queued append in one write;
 * the others find theirs written. Under load (the admission of new workflows next to the statuses
 * of the ones that end) that makes one system call of several, and each thread still returns only
 * once its records are written.
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
    grouped(new Grouped(workflow, dag, first));
  }

  /** Appends a status of a workflow, and keeps it as the index would. */
  void writeStatus(SegmentIndex.Workflow workflow, StatusRecord status) {
    grouped(new Grouped(workflow, null, status));
  }

  /** A workflow's DAG (or none) and status, to be appended by whoever holds the log's monitor. */
  static final class Grouped {
    final SegmentIndex.Workflow workflow;
    final byte[] dag;
    final StatusRecord status;
    final byte[] encoded;

    /** Set under the log's monitor once appended, with the failure of that write, if any. */
    boolean done;

    RuntimeException failure;

    Grouped(SegmentIndex.Workflow workflow, byte[] dag, StatusRecord status) {
      this.workflow = workflow;
      this.dag = dag;
      this.status = status;
      this.encoded = status.encode(); // before the monitor: its holder only writes
    }
  }

  /** Queues {@code mine}, then appends every queued append unless another thread did. */
  private void grouped(Grouped mine) {
    Segment segment = mine.workflow.segment;
    segment.grouped.add(mine);
    synchronized (segment.log) {
      if (!mine.done) {
        List<Grouped> batch = new ArrayList<>();
        for (Grouped next = segment.grouped.poll(); next != null; next = segment.grouped.poll()) {
          batch.add(next);
        }
        appendAll(segment, batch);
      }
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    LogCompaction.ifDue(segment, index);
  }

  /** Appends {@code batch} in one write and takes it into the index; under the log's monitor. */
  private void appendAll(Segment segment, List<Grouped> batch) {
    int count = 0;
    for (Grouped grouped : batch) {
      count += (grouped.workflow.unwritten ? 1 : 0) + (grouped.dag != null ? 2 : 1);
    }
    Batch records = new Batch(count);
    for (Grouped grouped : batch) {
      records.createdOf(grouped.workflow);
      if (grouped.dag != null) {
        records.add(SegmentLog.DAG, grouped.workflow, grouped.dag);
      }
      records.add(SegmentLog.STATUS, grouped.workflow, grouped.encoded);
    }
    long[] at;
    try {
      at = records.appendTo(segment.log);
    } catch (RuntimeException e) {
      for (Grouped grouped : batch) {
        grouped.failure = e;
        grouped.done = true;
      }
      return;
    }
    int i = 0;
    for (Grouped grouped : batch) {
      SegmentIndex.Workflow workflow = grouped.workflow;
      if (workflow.unwritten) {
        written(workflow);
        i++;
      }
      if (grouped.dag != null) {
        workflow.dagAt = at[i++];
      }
      workflow.status(grouped.status, at[i++]);
      grouped.done = true;
    }
  }

  /**
   * Appends records of a workflow, after its CREATED record when that is not written yet, in one
   * write; returns where each of the records asked for starts. The caller holds the log's monitor.
   */
  private long[] appendOf(SegmentIndex.Workflow workflow, byte[] kinds, byte[][] data) {
    Batch records = new Batch(kinds.length + (workflow.unwritten ? 1 : 0));
    boolean created = records.createdOf(workflow);
    for (int i = 0; i < kinds.length; i++) {
      records.add(kinds[i], workflow, data[i]);
    }
    long[] at = records.appendTo(workflow.segment.log);
    if (!created) {
      return at;
    }
    written(workflow);
    return Arrays.copyOfRange(at, 1, at.length);
  }

  /** Notes that the CREATED record of a workflow created alone is written. */
  private void written(SegmentIndex.Workflow workflow) {
    workflow.unwritten = false;
    unwritten.remove(workflow);
  }

  /** Records for one write to a log, as many as it was made for. */
  private static final class Batch {
    private final byte[] kinds;
    private final long[] numbers;
    private final byte[][] data;
    private int size;

    Batch(int count) {
      kinds = new byte[count];
      numbers = new long[count];
      data = new byte[count][];
    }

    void add(byte kind, SegmentIndex.Workflow workflow, byte[] bytes) {
      kinds[size] = kind;
      numbers[size] = workflow.number;
      data[size++] = bytes;
    }

    /** Adds the CREATED record of {@code workflow} when it is not written yet; says whether. */
    boolean createdOf(SegmentIndex.Workflow workflow) {
      if (workflow.unwritten) {
        add(SegmentLog.CREATED, workflow, workflow.id.getBytes(StandardCharsets.UTF_8));
      }
      return workflow.unwritten;
    }

    long[] appendTo(SegmentLog log) {
      return log.append(kinds, numbers, data);
    }
  }
}
