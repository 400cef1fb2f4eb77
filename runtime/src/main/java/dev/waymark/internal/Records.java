package dev.waymark.internal;

import java.nio.ByteBuffer;

/**
 * Reading and writing task values in a claim. A continuation task's value is its final record: the
 * value itself (tag {@link #FINAL_VALUE}), or a link (tag {@link #FINAL_LINK}) straight to the
 * record of the task that produced it, however deep the recursion: one hop.
 */
final class Records {
  static final byte FINAL_VALUE = 0;
  static final byte FINAL_LINK = 1;

  private Records() {}

  /** Whether a task has a value stored: an output or a final record. */
  static boolean hasValue(CheckpointStore.Claim claim, long taskKey) {
    return claim.contains(TaskKeys.store(TaskKeys.OUTPUT, taskKey))
        || claim.contains(TaskKeys.store(TaskKeys.FINAL, taskKey));
  }

  /**
   * The stored value of a task: its output, or what its continuation resolved to.
   *
   * @throws IllegalStateException when it has none
   */
  static Object value(CheckpointStore.Claim claim, long taskKey) {
    CheckpointStore.Payload out = claim.read(TaskKeys.store(TaskKeys.OUTPUT, taskKey));
    if (out != null) {
      return CheckpointTypes.deserialize(out.bytes(), out.offset(), out.length());
    }
    CheckpointStore.Payload fin = claim.read(TaskKeys.store(TaskKeys.FINAL, taskKey));
    if (fin == null) {
      throw new IllegalStateException(
          "the value of task " + Long.toHexString(taskKey) + " is missing in " + claim.directory());
    }
    if (fin.bytes()[fin.offset()] == FINAL_VALUE) {
      return tagged(fin);
    }
    long target = ByteBuffer.wrap(fin.bytes(), fin.offset() + 1, 8).getLong();
    CheckpointStore.Payload value = claim.read(target);
    if (value == null) {
      throw new IllegalStateException("a link points at a missing record in " + claim.directory());
    }
    return target >>> 61 == TaskKeys.FINAL
        ? tagged(value)
        : CheckpointTypes.deserialize(value.bytes(), value.offset(), value.length());
  }

  private static Object tagged(CheckpointStore.Payload payload) {
    return CheckpointTypes.deserialize(payload.bytes(), payload.offset() + 1, payload.length() - 1);
  }

  /** The store key holding a task's value (for links), or -1 when it has none. */
  static long producer(CheckpointStore.Claim claim, long taskKey) {
    long output = TaskKeys.store(TaskKeys.OUTPUT, taskKey);
    if (claim.contains(output)) {
      return output;
    }
    long finalKey = TaskKeys.store(TaskKeys.FINAL, taskKey);
    CheckpointStore.Payload fin = claim.read(finalKey);
    if (fin == null) {
      return -1;
    }
    return fin.bytes()[fin.offset()] == FINAL_VALUE
        ? finalKey
        : ByteBuffer.wrap(fin.bytes(), fin.offset() + 1, 8).getLong();
  }

  /** Serializes and stores {@code value}; {@code tag >= 0} is written before it. */
  static void write(
      CheckpointStore.Claim claim,
      long storeKey,
      Object value,
      long startMillis,
      long endMillis,
      int tag) {
    CheckpointTypes.Codec codec = CheckpointTypes.codec();
    codec.output.reset();
    if (tag >= 0) {
      codec.output.writeByte(tag);
    }
    codec.writeTo(value);
    claim.write(
        storeKey, startMillis, endMillis, codec.output.getBuffer(), 0, codec.output.position());
  }
}
