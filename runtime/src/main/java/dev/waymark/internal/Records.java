package dev.waymark.internal;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.ByteBuffer;

/**
 * Reading and writing task values in a claim. A continuation task's value is its final record: the
 * value itself (tag {@link #FINAL_VALUE}), or a link (tag {@link #FINAL_LINK}) straight to the
 * record of the task that produced it, however deep the recursion: one hop. A task whose stored DAG
 * says that the task's value is that DAG's output as is, and whose output step stored its output,
 * needs neither: that output is its value (see {@link #throughDag}).
 */
final class Records {
  static final byte FINAL_VALUE = 0;
  static final byte FINAL_LINK = 1;

  private Records() {}

  /** Whether a task has a value stored: an output or a final record. */
  static boolean hasValue(WorkflowStore claim, long taskKey) {
    return claim.values().contains(TaskKeys.store(TaskKeys.OUTPUT, taskKey))
        || claim.values().contains(TaskKeys.store(TaskKeys.FINAL, taskKey))
        || throughDag(claim, taskKey) >= 0;
  }

  /**
   * The record of the value of continuation task {@code taskKey} that has no final record: the
   * stored output of the output step of the DAG it returned, when that DAG is stored and says that
   * the task's value is its output as is; or -1.
   */
  private static long throughDag(WorkflowStore claim, long taskKey) {
    Payload dag = claim.values().read(TaskKeys.store(TaskKeys.CONTINUATION, taskKey));
    if (dag == null) {
      return -1;
    }
    Plan plan = DagCodec.decode(dag);
    if (!plan.valueIsOutput) {
      return -1;
    }
    long output = TaskKeys.store(TaskKeys.OUTPUT, TaskKeys.child(taskKey, plan.output));
    return claim.values().contains(output) ? output : -1;
  }

  /**
   * The stored value of a task: its output, or what its continuation resolved to.
   *
   * @throws IllegalStateException when it has none
   */
  static Object value(WorkflowStore claim, long taskKey) {
    Payload out = claim.values().read(TaskKeys.store(TaskKeys.OUTPUT, taskKey));
    if (out != null) {
      return decode(out, taskKey, 0);
    }
    Payload fin = claim.values().read(TaskKeys.store(TaskKeys.FINAL, taskKey));
    if (fin == null) {
      long output = throughDag(claim, taskKey);
      Payload value = output < 0 ? null : claim.values().read(output);
      if (value != null) {
        return decode(value, output, 0);
      }
      throw new CheckpointCorruptedException(
          java.nio.file.Path.of(claim.location()),
          "holds no value for task #" + taskKey + ", though one was stored: records were lost",
          null);
    }
    if (fin.bytes()[fin.offset()] == FINAL_VALUE) {
      return decode(fin, taskKey, 1);
    }
    long target = ByteBuffer.wrap(fin.bytes(), fin.offset() + 1, 8).getLong();
    Payload value = claim.values().read(target);
    if (value == null) {
      throw new CheckpointCorruptedException(
          fin.file(),
          "holds, for task #" + taskKey + ", a link to record #" + target + ", which is missing",
          null);
    }
    return decode(value, target, TaskKeys.space(target) == TaskKeys.FINAL ? 1 : 0);
  }

  /**
   * The value in {@code payload} after {@code skip} tag bytes. Bytes that passed their checksum but
   * cannot be read as an allowed type (a class no longer on the allowlist, a format this version
   * does not know, a size beyond the record) are refused with the file and task named, in Waymark's
   * words: the codec's own message stays in the cause.
   */
  static Object decode(Payload payload, long key, int skip) {
    try {
      return CheckpointCodec.deserialize(
          payload.bytes(), payload.offset() + skip, payload.length() - skip);
    } catch (RuntimeException e) {
      String reason = String.valueOf(e.getMessage());
      java.util.regex.Matcher unknown =
          java.util.regex.Pattern.compile("unregistered class ID: (-?\\d+)").matcher(reason);
      throw new CheckpointCorruptedException(
          payload.file(),
          "holds, for task #"
              + key
              + (unknown.find()
                  ? ", a value of a type no step signature on this class path declares (type id "
                      + unknown.group(1)
                      + "): a step class, or a record or enum of a step signature, was removed or"
                      + " renamed since it was stored; run the workflow with the code it was"
                      + " recorded with"
                  : ", a value that cannot be read: it was written by another version, or its"
                      + " bytes were damaged before their checksum was computed"),
          e);
    }
  }

  /** The store key holding a task's value (for links), or -1 when it has none. */
  static long producer(WorkflowStore claim, long taskKey) {
    long output = TaskKeys.store(TaskKeys.OUTPUT, taskKey);
    if (claim.values().contains(output)) {
      return output;
    }
    long finalKey = TaskKeys.store(TaskKeys.FINAL, taskKey);
    Payload fin = claim.values().read(finalKey);
    if (fin == null) {
      return throughDag(claim, taskKey);
    }
    return fin.bytes()[fin.offset()] == FINAL_VALUE
        ? finalKey
        : ByteBuffer.wrap(fin.bytes(), fin.offset() + 1, 8).getLong();
  }

  /** Serializes and stores {@code value}; {@code tag >= 0} is written before it. */
  static int write(
      WorkflowStore claim, long storeKey, Object value, long startMillis, long endMillis, int tag) {
    CheckpointCodec.Codec codec = CheckpointCodec.codec();
    codec.output.reset();
    if (tag >= 0) {
      codec.output.writeByte(tag);
    }
    codec.writeTo(value);
    claim
        .values()
        .write(
            storeKey, startMillis, endMillis, codec.output.getBuffer(), 0, codec.output.position());
    return codec.output.position();
  }

  /**
   * Records what continuation task {@code taskKey} resolved to: a link to where the value is stored
   * ({@code producer}), or, when it is stored nowhere else, the value itself if the task is {@code
   * stored}. Returns where the value is now stored, or -1.
   */
  static long writeFinal(
      WorkflowStore claim, long taskKey, Object value, long producer, boolean stored) {
    long key = TaskKeys.store(TaskKeys.FINAL, taskKey);
    if (producer >= 0) {
      byte[] link = ByteBuffer.allocate(9).put(FINAL_LINK).putLong(producer).array();
      claim.values().write(key, 0, 0, link, 0, link.length);
      return producer;
    }
    if (stored) {
      write(claim, key, value, 0, 0, FINAL_VALUE);
      return key;
    }
    return -1;
  }
}
