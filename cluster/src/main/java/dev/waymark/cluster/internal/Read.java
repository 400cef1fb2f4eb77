package dev.waymark.cluster.internal;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads one part of a workflow's record where it is kept, without copying the rest: its status, its
 * DAG, an event or an expectation. Answers null when the record or the part is missing.
 */
public final class Read implements EntryProcessor<String, WorkflowEntry, byte[]>, ReadOnly {
  private static final long serialVersionUID = 1L;

  private enum Part {
    STATUS,
    DAG,
    EVENT,
    EXPECTATION,
    DRIVER
  }

  private final Part part;
  private final String key;

  private Read(Part part, String key) {
    this.part = part;
    this.key = key;
  }

  public static Read status() {
    return new Read(Part.STATUS, null);
  }

  public static Read dag() {
    return new Read(Part.DAG, null);
  }

  public static Read event(String key) {
    return new Read(Part.EVENT, key);
  }

  /** The type name the waiting task expects, in UTF-8. */
  public static Read expectation(String key) {
    return new Read(Part.EXPECTATION, key);
  }

  /** The member driving the workflow, its id in UTF-8. */
  public static Read driver() {
    return new Read(Part.DRIVER, null);
  }

  @Override
  public byte[] process(Map.Entry<String, WorkflowEntry> entry) {
    WorkflowEntry record = entry.getValue();
    if (record == null) {
      return null;
    }
    return switch (part) {
      case STATUS -> record.status;
      case DAG -> record.dag;
      case EVENT -> record.events.get(key);
      case EXPECTATION -> {
        String type = record.expectations.get(key);
        yield type == null ? null : type.getBytes(StandardCharsets.UTF_8);
      }
      case DRIVER -> record.driver == null ? null : record.driver.getBytes(StandardCharsets.UTF_8);
    };
  }

  @Override
  public EntryProcessor<String, WorkflowEntry, byte[]> getBackupProcessor() {
    return null;
  }
}
