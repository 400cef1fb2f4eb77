package dev.waymark.cluster.internal;

import com.hazelcast.query.Predicate;
import dev.waymark.WorkflowStatus;
import dev.waymark.internal.storage.StatusRecord;
import java.util.Map;
import java.util.Set;

/**
 * The workflows that should run and that no live member drives: recorded RUNNING or PENDING, with
 * no driver or one that is not {@code alive} (it left, or was killed).
 */
public final class Orphaned implements Predicate<String, WorkflowEntry> {
  private static final long serialVersionUID = 1L;

  private final Set<String> alive;

  public Orphaned(Set<String> alive) {
    this.alive = Set.copyOf(alive);
  }

  @Override
  public boolean apply(Map.Entry<String, WorkflowEntry> entry) {
    WorkflowEntry record = entry.getValue();
    if (record.status == null || (record.driver != null && alive.contains(record.driver))) {
      return false;
    }
    WorkflowStatus status = StatusRecord.statusOf(record.status);
    return status == WorkflowStatus.RUNNING || status == WorkflowStatus.PENDING;
  }
}
