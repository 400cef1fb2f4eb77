package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Makes {@code member} the driver of a workflow, unless another member that is {@code alive} holds
 * it: raises the epoch (the fencing token of the new driver's writes, so that a driver that paused
 * meanwhile is refused) and answers with a copy of the record when the member's own storage may not
 * have all of it. A takeover sent again with the same {@code claim} (its first answer was lost
 * while a member left) is answered again, with a copy, and does not raise the epoch twice. The same
 * processor runs on each backup, which holds the same record, so it decides the same there.
 */
public final class Takeover
    implements EntryProcessor<String, WorkflowEntry, Takeover.Claimed>, HazelcastInstanceAware {
  private static final long serialVersionUID = 3L;

  /**
   * The answer: the new {@code epoch} (0 when refused, or when there is no record and none was to
   * be made), the live member that {@code holds} the workflow when refused, a {@code copy} of the
   * record when it holds anything, and whether the member's own storage is {@code current}: it
   * drove the workflow last, so its storage has every record (no copy is sent then).
   */
  public record Claimed(long epoch, String holder, WorkflowEntry copy, boolean current)
      implements Serializable {}

  private final String member;
  private final String claim;
  private final Set<String> alive;
  private final boolean create;
  private final boolean copyAlways;
  private transient Mirror mirror;

  /**
   * @param claim this takeover's id, the same when it is sent again
   * @param copyAlways whether to copy the record even when {@code member} was its last driver (its
   *     storage may lack a write that failed)
   */
  public Takeover(
      String member, String claim, Set<String> alive, boolean create, boolean copyAlways) {
    this.member = member;
    this.claim = claim;
    this.alive = Set.copyOf(alive);
    this.create = create;
    this.copyAlways = copyAlways;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    mirror = Mirror.of(member);
  }

  @Override
  public Claimed process(Map.Entry<String, WorkflowEntry> entry) {
    WorkflowEntry record = entry.getValue();
    if (record == null) {
      if (!create) {
        return new Claimed(0, null, null, false);
      }
      record = new WorkflowEntry();
    } else if (claim.equals(record.claim)) {
      return new Claimed(record.epoch, null, copyOf(record), false); // sent again
    } else if (record.driver != null
        && !record.driver.equals(member)
        && alive.contains(record.driver)) {
      return new Claimed(0, record.driver, null, false);
    }
    boolean current = !copyAlways && member.equals(record.lastDriver);
    record.epoch++;
    record.driver = member;
    record.lastDriver = member;
    record.claim = claim;
    if (record.incarnation == null) {
      record.incarnation = claim;
    }
    record.restoring = null; // a member that restores late leaves it alone
    record.version++;
    entry.setValue(record);
    if (mirror != null) {
      mirror.header(entry.getKey(), record);
    }
    return new Claimed(record.epoch, null, current ? null : copyOf(record), current);
  }

  private static WorkflowEntry copyOf(WorkflowEntry record) {
    boolean holdsAnything =
        record.dag != null || !record.values.isEmpty() || !record.expectations.isEmpty();
    return holdsAnything ? record.copy() : null;
  }
}
