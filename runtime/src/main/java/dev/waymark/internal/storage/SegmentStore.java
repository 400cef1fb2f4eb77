package dev.waymark.internal.storage;

import java.nio.file.Path;
import java.util.Map;

/**
 * One claimed workflow of a segment this process owns: its DAG, status, expected events and
 * attempts go to the segment's log, its task values and events to the segment's maps, its running
 * attempts to a block of the segment's journal.
 */
final class SegmentStore implements WorkflowStore {
  private final SegmentStorage storage;
  private final SegmentIndex.Workflow workflow;
  private final Segment segment;
  private final SegmentValues values;
  private final int slots;
  private int block = -1;
  private boolean givesBack;
  private boolean closed;

  SegmentStore(SegmentStorage storage, SegmentIndex.Workflow workflow, int slots) {
    this.storage = storage;
    this.workflow = workflow;
    this.segment = workflow.segment;
    this.values = new SegmentValues(storage, workflow);
    this.slots = slots;
  }

  Segment segment() {
    return segment;
  }

  /** Its segment was taken over to read it: given back when this closes. */
  void givesBack() {
    givesBack = true;
  }

  boolean givesBackItsSegment() {
    return givesBack;
  }

  @Override
  public String workflowId() {
    return workflow.id;
  }

  @Override
  public String location() {
    return segment.dir + " (workflow #" + workflow.number + ")";
  }

  private void append(byte kind, byte[] data) {
    storage.appends.apply(workflow, kind, data);
  }

  @Override
  public void begin(byte[] dagBytes, StatusRecord first) {
    storage.appends.begin(workflow, dagBytes, first);
  }

  private final Dag dag =
      new Dag() {
        @Override
        public Payload read() {
          return storage.readDag(workflow);
        }

        @Override
        public void write(byte[] bytes) {
          append(SegmentLog.DAG, bytes);
        }

        @Override
        public Path file() {
          return segment.log.file();
        }
      };

  private final Status status =
      new Status() {
        @Override
        public StatusRecord read() {
          return workflow.status();
        }

        @Override
        public void write(StatusRecord record) {
          storage.appends.writeStatus(workflow, record);
        }
      };

  private final Events events =
      new Events() {
        @Override
        public byte[] read(String key) {
          Payload event = values.read(TaskKeys.event(TaskKeys.hash(key)));
          return event == null ? null : event.copy();
        }

        @Override
        public void delete(String key) {
          values.delete(TaskKeys.event(TaskKeys.hash(key)));
          if (workflow.expected.containsKey(key)) {
            append(SegmentLog.EXPECT, SegmentIndex.encodeExpectation(key, null));
          }
        }

        @Override
        public void expect(String key, String typeName) {
          if (!typeName.equals(workflow.expected.get(key))) {
            append(SegmentLog.EXPECT, SegmentIndex.encodeExpectation(key, typeName));
          }
        }
      };

  private final Attempts attempts =
      new Attempts() {
        @Override
        public Map<Long, Integer> interrupted() {
          return workflow.interrupted;
        }

        @Override
        public int slots() {
          return slots;
        }

        @Override
        public void mark(int slot, long task, int attempt) {
          segment.journal().mark(block(), slot, workflow.number, task, attempt);
        }

        @Override
        public void clear(int slot) {
          if (block >= 0) {
            segment.journal().clear(block, slot);
          }
        }

        @Override
        public Map<Long, Failures> readFailed() {
          return workflow.failed;
        }

        @Override
        public void writeFailed(Map<Long, Failures> failed) {
          append(SegmentLog.FAILED, SegmentIndex.encodeFailures(failed));
        }
      };

  private synchronized int block() {
    if (block < 0) {
      block = segment.journal().takeBlock();
    }
    return block;
  }

  @Override
  public Dag dag() {
    return dag;
  }

  @Override
  public Status status() {
    return status;
  }

  @Override
  public Values values() {
    return values;
  }

  @Override
  public Events events() {
    return events;
  }

  @Override
  public Attempts attempts() {
    return attempts;
  }

  @Override
  public Storage.Shapes shapes() {
    return storage.shapes();
  }

  @Override
  public void deleteAll() {
    append(SegmentLog.DELETED, new byte[0]);
    storage.deleted(workflow);
    close();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (block >= 0 && segment.journal() != null) {
      segment.journal().giveBlock(block);
    }
    storage.release(this);
  }
}
