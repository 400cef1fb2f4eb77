package dev.waymark.internal.storage;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.WorkflowStatus;

/**
 * A workflow's recorded status, why when FAILED (else null), when it first started, and when its
 * latest run started and ended (epoch milliseconds; 0 when it has not ended).
 */
public record StatusRecord(
    WorkflowStatus status, String error, long firstStartMillis, long startMillis, long endMillis) {

  /** A workflow's first status, started {@code now}. */
  public static StatusRecord first(WorkflowStatus status, long now) {
    return new StatusRecord(status, null, now, now, 0);
  }

  /** The same record with another status, error and end time, keeping the starts. */
  public StatusRecord next(WorkflowStatus status, String error, long endMillis) {
    return new StatusRecord(status, error, firstStartMillis, startMillis, endMillis);
  }

  /** The record as every storage keeps it. */
  public byte[] encode() {
    Output out = new Output(64, -1);
    out.writeVarInt(status.ordinal(), true);
    out.writeString(error);
    out.writeLong(firstStartMillis);
    out.writeLong(startMillis);
    out.writeLong(endMillis);
    return out.toBytes();
  }

  /**
   * A record {@link #encode} made.
   *
   * @throws KryoException when the bytes are not a status
   */
  public static StatusRecord decode(byte[] bytes) {
    Input in = INPUT.get(); // one per thread: a listing decodes a status per workflow
    in.setBuffer(bytes);
    int ordinal = in.readVarInt(true);
    if (ordinal >= STATUSES.length) {
      throw new KryoException("unknown status #" + ordinal);
    }
    return new StatusRecord(
        STATUSES[ordinal], in.readString(), in.readLong(), in.readLong(), in.readLong());
  }

  /**
   * The status of a record {@link #encode} made, read from its first byte without decoding the
   * rest, or null when that byte alone does not say (then {@link #decode} it).
   */
  public static WorkflowStatus statusOf(byte[] bytes) {
    // the ordinal is a varint: one byte below 128; the record's checksum vouched for the bytes
    return bytes.length > 0 && bytes[0] >= 0 && bytes[0] < STATUSES.length
        ? STATUSES[bytes[0]]
        : null;
  }

  private static final WorkflowStatus[] STATUSES = WorkflowStatus.values();
  private static final ThreadLocal<Input> INPUT = ThreadLocal.withInitial(Input::new);

  /** A new run of the workflow, started {@code now}: RUNNING, no error, not ended. */
  public StatusRecord restarted(long now) {
    return new StatusRecord(WorkflowStatus.RUNNING, null, firstStartMillis, now, 0);
  }
}
