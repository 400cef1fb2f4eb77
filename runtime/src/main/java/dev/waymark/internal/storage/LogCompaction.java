package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts an owned segment's log: it keeps, in their order, the records that still mean something
 * (each stored workflow's id, its latest DAG and status, the owner's latest take-over, the
 * deletions whose values may still be in the maps) and writes each workflow's expected events,
 * failures and interrupted attempts anew from what the index holds. So a steady stream of workflows
 * under a retention keeps the log within about twice what its stored workflows need.
 */
final class LogCompaction {
  private static final Logger LOG = LoggerFactory.getLogger(LogCompaction.class);
  private static final byte[] NONE = new byte[0];

  private LogCompaction() {}

  /** Compacts the segment's log if it grew enough since it was last compacted. */
  static void ifDue(Segment segment, SegmentIndex index) {
    if (!segment.log.wantsCompaction()) {
      return;
    }
    synchronized (segment.log) {
      if (!segment.log.wantsCompaction()) {
        return; // another thread did
      }
      if (segment.log.records() < 2 * liveRecords(segment, index)) {
        segment.log.postpone(); // mostly live records: rewriting them would gain little
        return;
      }
      try {
        run(segment, index);
      } catch (StorageException e) {
        // The log is kept as it was: longer, never wrong.
        LOG.warn("segment {}: {}", segment.dir, e.getMessage());
      }
    }
  }

  /** How many records a compacted log would hold. */
  private static long liveRecords(Segment segment, SegmentIndex index) {
    long records = 2 + segment.dead.size(); // the next number, the latest take-over, deletions
    for (SegmentIndex.Workflow workflow : index.of(segment).values()) {
      records +=
          1
              + (workflow.dagAt >= 0 ? 1 : 0)
              + (workflow.statusAt >= 0 ? 1 : 0)
              + workflow.expected.size()
              + (workflow.failed.isEmpty() ? 0 : 1)
              + (workflow.interrupted.isEmpty() ? 0 : 1);
    }
    return records;
  }

  /** Compacts; the caller holds the log's monitor, under which every append updates the index. */
  private static void run(Segment segment, SegmentIndex index) {
    Map<Long, SegmentIndex.Workflow> stored = index.of(segment);
    long adoptedAt = index.adoptedAt(segment);
    Set<Long> dead = Set.copyOf(segment.dead);
    long before = segment.log.end();
    List<Runnable> moved = new ArrayList<>();
    segment.log.compact(
        out -> out.write(SegmentLog.NUMBERED, segment.nextWorkflow(), NONE),
        (entry, out) -> {
          SegmentIndex.Workflow workflow = stored.get(entry.number());
          switch (entry.kind()) {
            case SegmentLog.CREATED -> {
              if (workflow != null) {
                out.write(SegmentLog.CREATED, entry.number(), entry.data());
                writeState(workflow, out);
              }
            }
            case SegmentLog.DAG -> {
              if (workflow != null && workflow.dagAt == entry.offset()) {
                long at = out.write(SegmentLog.DAG, entry.number(), entry.data());
                moved.add(() -> workflow.dagAt = at);
              }
            }
            case SegmentLog.STATUS -> {
              if (workflow != null && workflow.statusAt == entry.offset()) {
                long at = out.write(SegmentLog.STATUS, entry.number(), entry.data());
                moved.add(() -> workflow.statusAt = at);
              }
            }
            case SegmentLog.ADOPTED -> {
              if (entry.offset() == adoptedAt) {
                long at = out.write(SegmentLog.ADOPTED, entry.number(), NONE);
                moved.add(() -> index.adoptedAt(segment, at));
              }
            }
            case SegmentLog.DELETED -> {
              if (dead.contains(entry.number())) {
                out.write(SegmentLog.DELETED, entry.number(), NONE);
              }
            }
            default -> {
              // EXPECT, FAILED, INTERRUPTED: written anew with the workflow's id; NUMBERED: first
            }
          }
        });
    moved.forEach(Runnable::run);
    LOG.debug(
        "segment {}: log compacted from {} to {} bytes, {} workflows stored",
        segment.dir,
        before,
        segment.log.end(),
        stored.size());
  }

  /** What the index holds of a workflow beyond its DAG and status, as records. */
  private static void writeState(SegmentIndex.Workflow workflow, SegmentLog.Writer out) {
    for (Map.Entry<String, String> expected : workflow.expected.entrySet()) {
      out.write(
          SegmentLog.EXPECT,
          workflow.number,
          SegmentIndex.encodeExpectation(expected.getKey(), expected.getValue()));
    }
    if (!workflow.failed.isEmpty()) {
      out.write(SegmentLog.FAILED, workflow.number, SegmentIndex.encodeFailures(workflow.failed));
    }
    if (!workflow.interrupted.isEmpty()) {
      out.write(
          SegmentLog.INTERRUPTED,
          workflow.number,
          SegmentIndex.encodeAttempts(workflow.interrupted));
    }
  }
}
