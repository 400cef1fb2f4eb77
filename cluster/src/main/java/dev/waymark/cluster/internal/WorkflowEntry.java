package dev.waymark.cluster.internal;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A workflow's record in the cluster: the epoch of the driver that may commit its steps (raised at
 * every takeover), and the outputs committed so far, by task id. Kept as an object by the map
 * ({@code InMemoryFormat.OBJECT}): a commit changes it in place, on the primary and on each backup.
 */
public final class WorkflowEntry implements Serializable {
  private static final long serialVersionUID = 1L;

  long epoch;
  final Map<String, byte[]> outputs = new HashMap<>();

  public long epoch() {
    return epoch;
  }

  /** The committed output of {@code taskId}, or null. */
  public byte[] output(String taskId) {
    byte[] output = outputs.get(taskId);
    return output == null ? null : output.clone();
  }
}
