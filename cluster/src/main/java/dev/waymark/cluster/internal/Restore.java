package dev.waymark.cluster.internal;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Adds what one member's own copy ({@link Mirror}) says of a workflow to its record, while a
 * cluster that stopped whole starts again ({@link Restoration}): the record becomes the latest of
 * what the members that restored so far hold. Refused once the record is live again (claimed, or
 * the restoring ended): a member that restores late must not write an older copy over it.
 */
final class Restore implements EntryProcessor<String, WorkflowEntry, Void> {
  private static final long serialVersionUID = 1L;

  private final Restored copy;

  Restore(Restored copy) {
    this.copy = copy;
  }

  @Override
  public Void process(Map.Entry<String, WorkflowEntry> entry) {
    WorkflowEntry record = entry.getValue();
    if (record == null) {
      record = new WorkflowEntry();
      record.restoring = new Restored();
    } else if (record.restoring == null) {
      return null;
    }
    record.restoring.merge(copy);
    record.restoring.applyTo(record);
    entry.setValue(record);
    return null;
  }

  /** Ends the restoring of every record: drops what was gathered, and the records deleted. */
  static final class End implements EntryProcessor<String, WorkflowEntry, Void> {
    private static final long serialVersionUID = 1L;

    @Override
    public Void process(Map.Entry<String, WorkflowEntry> entry) {
      WorkflowEntry record = entry.getValue();
      if (record == null || record.restoring == null) {
        return null;
      }
      boolean live = record.restoring.applyTo(record);
      record.restoring = null;
      entry.setValue(live ? record : null);
      return null;
    }
  }
}
