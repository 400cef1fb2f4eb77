package dev.waymark.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Commits a step's output into its workflow's record, on the member that owns the record's
 * partition, only for the driver of the current {@code epoch}: the epoch is the fencing token, so a
 * commit from a driver that paused (or was taken for dead) is refused. A task commits once: a
 * second commit keeps the first output. The same processor runs on each backup.
 */
public final class FencedCommit
    implements EntryProcessor<String, WorkflowEntry, FencedCommit.Outcome> {
  private static final long serialVersionUID = 1L;

  /** What a commit did. */
  public enum Outcome {
    COMMITTED,
    /** The task's output was committed before; it is kept. */
    ALREADY_COMMITTED,
    /** Another driver took the workflow over: the epoch is not the current one. */
    FENCED,
    /** No driver took the workflow (it has no record). */
    NO_DRIVER
  }

  private final long epoch;
  private final String taskId;
  private final byte[] output;

  public FencedCommit(long epoch, String taskId, byte[] output) {
    this.epoch = epoch;
    this.taskId = taskId;
    this.output = output.clone();
  }

  @Override
  public Outcome process(Map.Entry<String, WorkflowEntry> entry) {
    WorkflowEntry record = entry.getValue();
    if (record == null) {
      return Outcome.NO_DRIVER;
    }
    if (record.epoch != epoch) {
      return Outcome.FENCED;
    }
    if (record.outputs.containsKey(taskId)) {
      return Outcome.ALREADY_COMMITTED;
    }
    record.outputs.put(taskId, output);
    entry.setValue(record);
    return Outcome.COMMITTED;
  }
}
