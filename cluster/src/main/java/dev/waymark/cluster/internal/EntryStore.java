package dev.waymark.cluster.internal;

import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * A workflow as the cluster recorded it, to read from any member while its driver (if any) may be
 * another member: a copy of its record, taken once. Writing through it is refused.
 */
final class EntryStore implements WorkflowStore {
  private final String workflowId;
  private final WorkflowEntry record;
  private final ClusterStore cluster;
  private final Path place;

  EntryStore(String workflowId, WorkflowEntry record, ClusterStore cluster) {
    this.workflowId = workflowId;
    this.record = record;
    this.cluster = cluster;
    this.place = cluster.place(workflowId);
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException(
        "a workflow read from the cluster is not written through this view; claim it");
  }

  @Override
  public String workflowId() {
    return workflowId;
  }

  @Override
  public String location() {
    return "the cluster's record of workflow '" + workflowId + "'";
  }

  @Override
  public Dag dag() {
    return new Dag() {
      @Override
      public Payload read() {
        return record.dag == null
            ? null
            : new Payload(record.dag, 0, record.dag.length, 0, 0, place);
      }

      @Override
      public void write(byte[] dag) {
        throw readOnly();
      }

      @Override
      public Path file() {
        return place;
      }
    };
  }

  @Override
  public Status status() {
    return new Status() {
      @Override
      public StatusRecord read() {
        return record.status == null ? null : StatusRecord.decode(record.status);
      }

      @Override
      public void write(StatusRecord status) {
        throw readOnly();
      }
    };
  }

  @Override
  public Values values() {
    return new Values() {
      @Override
      public void expectRecords(long count) {}

      @Override
      public boolean contains(long key) {
        return record.values.containsKey(key);
      }

      @Override
      public Payload read(long key) {
        byte[] timed = record.values.get(key);
        return timed == null ? null : Copies.payload(timed, place);
      }

      @Override
      public void write(
          long key, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
        throw readOnly();
      }

      @Override
      public void delete(long key) {
        throw readOnly();
      }

      @Override
      public void force() {}
    };
  }

  @Override
  public Events events() {
    return new Events() {
      @Override
      public byte[] read(String key) {
        byte[] event = record.events.get(key);
        return event == null ? null : event.clone();
      }

      @Override
      public void delete(String key) {
        throw readOnly();
      }

      @Override
      public void expect(String key, String typeName) {
        throw readOnly();
      }
    };
  }

  @Override
  public Attempts attempts() {
    return Attempts.readOnly(Map.of(), Copies.failed(record.failed), EntryStore::readOnly);
  }

  @Override
  public Storage.Shapes shapes() {
    return cluster.shapes();
  }

  @Override
  public void deleteAll() {
    throw readOnly();
  }

  @Override
  public void close() {}
}
