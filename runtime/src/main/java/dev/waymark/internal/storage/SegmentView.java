package dev.waymark.internal.storage;

import java.nio.file.Path;

/**
 * A workflow of a segment another live process owns, for reading: its DAG and status come from the
 * segment's log, its task values from the owner, asked through {@link SegmentRequests} (or read
 * here, once this process took the segment over because its owner ended). Nothing is written.
 */
final class SegmentView implements WorkflowStore {
  private final SegmentStorage storage;
  private final SegmentIndex.Workflow workflow;

  SegmentView(SegmentStorage storage, SegmentIndex.Workflow workflow) {
    this.storage = storage;
    this.workflow = workflow;
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("a view of a workflow is read-only");
  }

  @Override
  public String workflowId() {
    return workflow.id;
  }

  @Override
  public String location() {
    return workflow.segment.dir + " (workflow #" + workflow.number + ")";
  }

  private Payload read(long key) {
    if (!workflow.segment.owned()) {
      try {
        return SegmentRequests.read(workflow.segment, workflow.id, key);
      } catch (SegmentRequests.OwnerGone gone) {
        if (!storage.borrow(workflow.segment)) {
          return read(key); // another process took it over: ask that one
        }
        try {
          return new SegmentValues(storage, workflow).read(key);
        } finally {
          storage.giveBack(workflow.segment);
        }
      }
    }
    return new SegmentValues(storage, workflow).read(key);
  }

  private final Values values =
      new Values() {
        @Override
        public void expectRecords(long count) {}

        @Override
        public boolean contains(long key) {
          return read(key) != null;
        }

        @Override
        public Payload read(long key) {
          return SegmentView.this.read(key);
        }

        @Override
        public void write(long key, long start, long end, byte[] bytes, int offset, int length) {
          throw readOnly();
        }

        @Override
        public void delete(long key) {
          throw readOnly();
        }

        @Override
        public void force() {}
      };

  @Override
  public Dag dag() {
    return new Dag() {
      @Override
      public Payload read() {
        return storage.readDag(workflow);
      }

      @Override
      public void write(byte[] dag) {
        throw readOnly();
      }

      @Override
      public Path file() {
        return workflow.segment.log.file();
      }
    };
  }

  @Override
  public Status status() {
    return new Status() {
      @Override
      public StatusRecord read() {
        return workflow.status();
      }

      @Override
      public void write(StatusRecord status) {
        throw readOnly();
      }
    };
  }

  @Override
  public Values values() {
    return values;
  }

  @Override
  public Events events() {
    throw readOnly();
  }

  @Override
  public Attempts attempts() {
    return Attempts.readOnly(workflow.interrupted, workflow.failed, SegmentView::readOnly);
  }

  @Override
  public Storage.Shapes shapes() {
    return storage.shapes();
  }

  @Override
  public void deleteAll() {
    throw readOnly();
  }

  @Override
  public void close() {}
}
