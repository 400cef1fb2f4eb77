package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * A driver's write into its workflow's record, applied on the member that owns the record's
 * partition, and on each backup, only for the driver of the current {@code epoch}: the epoch is the
 * fencing token, so a write from a driver that paused (or was taken for dead) is refused. Answers
 * whether it was applied.
 */
public final class FencedWrite
    implements EntryProcessor<String, WorkflowEntry, Boolean>,
        HazelcastInstanceAware,
        DataSerializable {
  private static final long serialVersionUID = 1L;

  private enum Kind {
    BEGIN,
    DAG,
    STATUS,
    FAILED,
    VALUE,
    DELETE_VALUE,
    EXPECT,
    CONSUME,
    RELEASE,
    DELETE_ALL
  }

  // Not final: Hazelcast makes one empty and reads it in (readData), which costs less than Java's
  // serialization on every step's commit and its backup.
  private long epoch;
  private Kind kind;
  private long key;
  private String name;
  private byte[] first;
  private byte[] second;
  private transient Mirror mirror;

  /** For Hazelcast, which reads the fields in next. */
  public FencedWrite() {}

  private FencedWrite(long epoch, Kind kind, long key, String name, byte[] first, byte[] second) {
    this.epoch = epoch;
    this.kind = kind;
    this.key = key;
    this.name = name;
    this.first = first;
    this.second = second;
  }

  /** Records a new workflow's DAG and first status together. */
  public static FencedWrite begin(long epoch, byte[] dag, byte[] status) {
    return new FencedWrite(epoch, Kind.BEGIN, 0, null, dag, status);
  }

  public static FencedWrite dag(long epoch, byte[] dag) {
    return new FencedWrite(epoch, Kind.DAG, 0, null, dag, null);
  }

  public static FencedWrite status(long epoch, byte[] status) {
    return new FencedWrite(epoch, Kind.STATUS, 0, null, status, null);
  }

  /** Replaces the failed attempts of the workflow's tasks ({@link Copies#failed}). */
  public static FencedWrite failed(long epoch, byte[] failed) {
    return new FencedWrite(epoch, Kind.FAILED, 0, null, failed, null);
  }

  /** Stores a task value: {@code timed} is the attempt's start and end (8 bytes each), then it. */
  public static FencedWrite value(long epoch, long key, byte[] timed) {
    return new FencedWrite(epoch, Kind.VALUE, key, null, timed, null);
  }

  public static FencedWrite deleteValue(long epoch, long key) {
    return new FencedWrite(epoch, Kind.DELETE_VALUE, key, null, null, null);
  }

  /** Records that a task waits for the event {@code key} of type {@code typeName}. */
  public static FencedWrite expect(long epoch, String key, String typeName) {
    return new FencedWrite(epoch, Kind.EXPECT, 0, key, typeName.getBytes(UTF8), null);
  }

  /** Removes a consumed (or refused) event and its expectation. */
  public static FencedWrite consume(long epoch, String key) {
    return new FencedWrite(epoch, Kind.CONSUME, 0, key, null, null);
  }

  /** Lets go of the workflow: no member drives it until the next takeover. */
  public static FencedWrite release(long epoch) {
    return new FencedWrite(epoch, Kind.RELEASE, 0, null, null, null);
  }

  /** Removes the whole record. */
  public static FencedWrite deleteAll(long epoch) {
    return new FencedWrite(epoch, Kind.DELETE_ALL, 0, null, null, null);
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    mirror = Mirror.of(member);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(epoch);
    out.writeByte(kind.ordinal());
    out.writeLong(key);
    out.writeString(name);
    out.writeByteArray(first);
    out.writeByteArray(second);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readLong();
    kind = Kind.values()[in.readByte()];
    key = in.readLong();
    name = in.readString();
    first = in.readByteArray();
    second = in.readByteArray();
  }

  private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;

  @Override
  public Boolean process(Map.Entry<String, WorkflowEntry> entry) {
    WorkflowEntry record = entry.getValue();
    if (record == null) {
      return kind == Kind.DELETE_ALL; // deleted already: this is the same delete sent again
    }
    if (record.epoch != epoch) {
      return false;
    }
    record.version++;
    switch (kind) {
      case BEGIN -> {
        record.dag = first;
        record.status = second;
      }
      case DAG -> record.dag = first;
      case STATUS -> record.status = first;
      case FAILED -> record.failed = first;
      case VALUE -> record.values.put(key, first);
      case DELETE_VALUE -> record.values.remove(key);
      case EXPECT -> record.expectations.put(name, new String(first, UTF8));
      case CONSUME -> {
        record.events.remove(name);
        record.expectations.remove(name);
      }
      case RELEASE -> record.driver = null;
      case DELETE_ALL -> {
        entry.setValue(null);
        mirror(entry.getKey(), record);
        return true;
      }
    }
    entry.setValue(record);
    mirror(entry.getKey(), record);
    return true;
  }

  /** Writes the change to this member's own copy (before the write is acknowledged). */
  private void mirror(String workflowId, WorkflowEntry record) {
    if (mirror == null) {
      return;
    }
    switch (kind) {
      case VALUE -> mirror.value(workflowId, record, key, first);
      case DELETE_VALUE -> mirror.value(workflowId, record, key, null);
      case DELETE_ALL -> mirror.deleted(workflowId, record);
      case BEGIN, DAG -> {
        mirror.dag(workflowId, record);
        mirror.header(workflowId, record);
      }
      default -> mirror.header(workflowId, record);
    }
  }
}
