package dev.waymark.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Makes the caller the driver of a workflow: raises its epoch (from 0 when the workflow has no
 * record yet) and returns the new one, the fencing token of the caller's commits. A driver that
 * paused meanwhile holds a lower epoch, so its commits are refused ({@link FencedCommit}). The same
 * processor runs on each backup, which holds the same record, so it raises the same epoch there.
 */
public final class Takeover implements EntryProcessor<String, WorkflowEntry, Long> {
  private static final long serialVersionUID = 1L;

  @Override
  public Long process(Map.Entry<String, WorkflowEntry> entry) {
    WorkflowEntry record = entry.getValue();
    if (record == null) {
      record = new WorkflowEntry();
    }
    record.epoch++;
    entry.setValue(record);
    return record.epoch;
  }
}
