package dev.waymark.cluster.internal;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A workflow's record in the cluster, the same as a member's storage keeps it: its DAG, its status,
 * its task values and the events left for it. With them, who may write it: the {@code driver} (a
 * member's id, null while none holds it) and its {@code epoch}, raised at every takeover, the
 * fencing token of the driver's writes ({@link FencedWrite}). Kept as an object by the map ({@code
 * InMemoryFormat.OBJECT}): a write changes it in place, on the primary and on each backup.
 */
public final class WorkflowEntry implements Serializable {
  private static final long serialVersionUID = 3L;

  long epoch;
  String driver;

  /**
   * Raised by every change, on the primary and on each backup alike: which of the members' own
   * copies of the record ({@link Mirror}) is the latest.
   */
  long version;

  /**
   * Which life of the id this record is: the id of the takeover that made it (null while it only
   * holds events sent before its workflow ran). A workflow deleted and run again under the same id
   * is another incarnation.
   */
  String incarnation;

  /** What the members' copies said of the record, while a cluster that stopped starts again. */
  Restored restoring;

  /** The member that held the last claim, kept when it lets go: its storage has every record. */
  String lastDriver;

  /** The id of the takeover that made the current driver, to answer it again if sent again. */
  String claim;

  byte[] dag;
  byte[] status;

  /** The failed attempts of its tasks ({@link Copies#failed}), so that a takeover counts on. */
  byte[] failed;

  /**
   * Task values by store key: when the attempt started and ended (8 bytes each), then the bytes.
   */
  final Map<Long, byte[]> values = new HashMap<>();

  final Map<String, byte[]> events = new HashMap<>();
  final Map<String, String> expectations = new HashMap<>();

  /** A copy to hand out: the maps are copied; the byte arrays are never changed in place. */
  WorkflowEntry copy() {
    WorkflowEntry copy = new WorkflowEntry();
    copy.epoch = epoch;
    copy.version = version;
    copy.incarnation = incarnation;
    copy.driver = driver;
    copy.lastDriver = lastDriver;
    copy.claim = claim;
    copy.dag = dag;
    copy.status = status;
    copy.failed = failed;
    copy.values.putAll(values);
    copy.events.putAll(events);
    copy.expectations.putAll(expectations);
    return copy;
  }

  public long epoch() {
    return epoch;
  }

  /** The member driving the workflow, or null. */
  public String driver() {
    return driver;
  }
}
