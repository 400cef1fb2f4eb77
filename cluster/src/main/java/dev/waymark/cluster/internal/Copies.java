package dev.waymark.cluster.internal;

import dev.waymark.internal.storage.Failures;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A workflow's records between a member's own storage and the cluster's record of it. */
final class Copies {
  private static final int TIMES = 16;

  private Copies() {}

  /** A task value as the cluster keeps it: the attempt's start and end, then the bytes. */
  static byte[] timed(long startMillis, long endMillis, byte[] bytes, int offset, int length) {
    return ByteBuffer.allocate(TIMES + length)
        .putLong(startMillis)
        .putLong(endMillis)
        .put(bytes, offset, length)
        .array();
  }

  /** Failed attempts as the cluster keeps them: per task key, the attempts and the crashes. */
  static byte[] failed(Map<Long, Failures> failed) {
    ByteBuffer bytes = ByteBuffer.allocate(failed.size() * 16);
    failed.forEach((key, f) -> bytes.putLong(key).putInt(f.attempts()).putInt(f.crashes()));
    return bytes.array();
  }

  /** The failed attempts {@link #failed} encoded; none for null. */
  static Map<Long, Failures> failed(byte[] failed) {
    Map<Long, Failures> all = new HashMap<>();
    ByteBuffer bytes = ByteBuffer.wrap(failed == null ? new byte[0] : failed);
    while (bytes.hasRemaining()) {
      all.put(bytes.getLong(), new Failures(bytes.getInt(), bytes.getInt()));
    }
    return all;
  }

  /** A value {@link #timed} made, as a storage's record read from {@code place}. */
  static Payload payload(byte[] timed, Path place) {
    ByteBuffer times = ByteBuffer.wrap(timed);
    return new Payload(
        timed, TIMES, timed.length - TIMES, times.getLong(0), times.getLong(8), place);
  }

  /**
   * Brings {@code mine}, a claim on this member's storage, up to the cluster's {@code record} of
   * the workflow, and returns the claim that holds it. Without a record (the cluster has nothing
   * under the id), what the storage kept under it is from a workflow deleted since: it is deleted.
   * Else the record is written over what the storage holds: a workflow's DAG never changes, and its
   * values only grow (a step's saved state goes once its output is there), so nothing the storage
   * holds beyond the record is read.
   */
  static WorkflowStore update(Storage local, WorkflowStore mine, WorkflowEntry record) {
    if (record == null) {
      String workflowId = mine.workflowId();
      mine.deleteAll();
      return local.claim(workflowId, true);
    }
    if (mine.status().read() == null && record.dag != null && record.status != null) {
      mine.begin(record.dag, StatusRecord.decode(record.status));
    } else {
      if (record.dag != null && mine.dag().read() == null) {
        mine.dag().write(record.dag); // a DAG never changes: written once
      }
      if (record.status != null) {
        mine.status().write(StatusRecord.decode(record.status));
      }
    }
    mine.values().expectRecords(record.values.size());
    for (Map.Entry<Long, byte[]> value : record.values.entrySet()) {
      if (!TaskKeys.isScratch(value.getKey()) && mine.values().contains(value.getKey())) {
        continue; // written once: what the storage holds is the same
      }
      Payload timed = payload(value.getValue(), null);
      mine.values()
          .write(
              value.getKey(),
              timed.startMillis(),
              timed.endMillis(),
              timed.bytes(),
              timed.offset(),
              timed.length());
    }
    record.expectations.forEach((key, type) -> mine.events().expect(key, type));
    if (record.failed != null) {
      mine.attempts().writeFailed(failed(record.failed)); // the retries count on
    }
    return mine;
  }
}
