package dev.waymark.cluster.internal;

import dev.waymark.internal.storage.Failures;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.Map;

/**
 * A member's claim on a workflow it drives: every write goes to the cluster first, fenced by the
 * claim's epoch, then to the member's own storage, where every read is answered. Of the attempt
 * journal, the failed attempts go to the cluster too (a takeover counts on from them); the attempts
 * in flight stay in the member's storage.
 */
final class ClusterClaim implements WorkflowStore {
  private final ClusterStore cluster;
  private final WorkflowStore mine;
  private final long epoch;
  private final String workflowId;

  ClusterClaim(ClusterStore cluster, WorkflowStore mine, long epoch) {
    this.cluster = cluster;
    this.mine = mine;
    this.epoch = epoch;
    this.workflowId = mine.workflowId();
  }

  @Override
  public String workflowId() {
    return workflowId;
  }

  @Override
  public String location() {
    return mine.location() + " (driven in the cluster by member " + cluster.me() + ")";
  }

  @Override
  public void begin(byte[] dagBytes, StatusRecord first) {
    cluster.write(workflowId, FencedWrite.begin(epoch, dagBytes, first.encode()));
    local(() -> mine.begin(dagBytes, first));
  }

  /** Writes this member's copy; when that fails, its next claim copies the cluster's record. */
  private void local(Runnable write) {
    try {
      write.run();
    } catch (RuntimeException | Error e) {
      cluster.diverged(workflowId);
      throw e;
    }
  }

  @Override
  public Dag dag() {
    Dag dag = mine.dag();
    return new Dag() {
      @Override
      public Payload read() {
        return dag.read();
      }

      @Override
      public void write(byte[] bytes) {
        cluster.write(workflowId, FencedWrite.dag(epoch, bytes));
        local(() -> dag.write(bytes));
      }

      @Override
      public java.nio.file.Path file() {
        return dag.file();
      }
    };
  }

  @Override
  public Status status() {
    Status status = mine.status();
    return new Status() {
      @Override
      public StatusRecord read() {
        return status.read();
      }

      @Override
      public void write(StatusRecord record) {
        cluster.write(workflowId, FencedWrite.status(epoch, record.encode()));
        local(() -> status.write(record));
      }
    };
  }

  @Override
  public Values values() {
    Values values = mine.values();
    return new Values() {
      @Override
      public void expectRecords(long count) {
        values.expectRecords(count);
      }

      @Override
      public boolean contains(long key) {
        return values.contains(key);
      }

      @Override
      public Payload read(long key) {
        return values.read(key);
      }

      @Override
      public void write(
          long key, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
        cluster.write(
            workflowId,
            FencedWrite.value(
                epoch, key, Copies.timed(startMillis, endMillis, bytes, offset, length)));
        local(() -> values.write(key, startMillis, endMillis, bytes, offset, length));
      }

      @Override
      public void delete(long key) {
        cluster.write(workflowId, FencedWrite.deleteValue(epoch, key));
        local(() -> values.delete(key));
      }

      @Override
      public void force() {
        values.force();
      }
    };
  }

  @Override
  public Events events() {
    Events events = mine.events();
    return new Events() {
      @Override
      public byte[] read(String key) {
        return cluster.readPart(workflowId, Read.event(key));
      }

      @Override
      public void delete(String key) {
        cluster.write(workflowId, FencedWrite.consume(epoch, key));
        local(() -> events.delete(key));
      }

      @Override
      public void expect(String key, String typeName) {
        cluster.write(workflowId, FencedWrite.expect(epoch, key, typeName));
        local(() -> events.expect(key, typeName));
      }
    };
  }

  @Override
  public Attempts attempts() {
    Attempts attempts = mine.attempts();
    return new Attempts() {
      @Override
      public Map<Long, Integer> interrupted() {
        return attempts.interrupted();
      }

      @Override
      public int slots() {
        return attempts.slots();
      }

      @Override
      public void mark(int slot, long task, int attempt) {
        attempts.mark(slot, task, attempt); // in this member's storage only: cheap, not shared
      }

      @Override
      public void clear(int slot) {
        attempts.clear(slot);
      }

      @Override
      public Map<Long, Failures> readFailed() {
        return attempts.readFailed();
      }

      @Override
      public void writeFailed(Map<Long, Failures> failed) {
        cluster.write(workflowId, FencedWrite.failed(epoch, Copies.failed(failed)));
        attempts.writeFailed(failed);
      }
    };
  }

  @Override
  public Storage.Shapes shapes() {
    return cluster.shapes();
  }

  @Override
  public void deleteAll() {
    cluster.write(workflowId, FencedWrite.deleteAll(epoch));
    mine.deleteAll();
  }

  @Override
  public void close() {
    try {
      mine.close();
    } finally {
      cluster.release(workflowId, epoch);
    }
  }
}
