package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import dev.waymark.exceptions.StorageException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a cluster that stopped whole starts again from its members' own copies ({@link Mirror}). A
 * member that joins a cluster not yet {@code ready} adds what its copy holds to the records ({@link
 * Restore}), then counts itself; the member that makes the count reach {@code needed} ends the
 * restoring and marks the cluster ready. Until then, nothing is claimed, run or read: every
 * acknowledged write is on the disks of the record's owner and backups of the time ({@code backups
 * + 1} members), so once all but {@code backups} of the members named restored, the records hold
 * every one. A member that joins a ready cluster restores nothing: the cluster's records are newer
 * than its copy.
 */
final class Restoration {
  static final String META = "waymark-meta";
  private static final String RESTORED = "restored";
  private static final String READY = "ready";
  private static final long WAIT_MILLIS = 120_000;
  private static final Logger LOG = LoggerFactory.getLogger(Restoration.class);

  private final HazelcastInstance member;
  private final IMap<String, WorkflowEntry> workflows;
  private final IMap<String, Object> meta;
  private final Mirror mirror;
  private final int needed;
  private final CountDownLatch ready = new CountDownLatch(1);

  Restoration(
      HazelcastInstance member, IMap<String, WorkflowEntry> workflows, Mirror mirror, int needed) {
    this.member = member;
    this.workflows = workflows;
    this.meta = member.getMap(META);
    this.mirror = mirror;
    this.needed = needed;
  }

  /**
   * Restores this member's copy in the background, unless the cluster is ready or this member has
   * none to give (an observer: {@code mirror} null).
   */
  void start() {
    meta.addEntryListener(
        (EntryAddedListener<String, Object>)
            added -> {
              if (READY.equals(added.getKey())) {
                ready.countDown();
              }
            },
        false);
    if (Calls.untilAnswered(member, () -> meta.containsKey(READY))) {
      ready.countDown();
      return;
    }
    if (mirror == null) {
      return; // it waits for the members that hold records
    }
    Thread thread = new Thread(this::restore, "waymark-restore");
    thread.setDaemon(true);
    thread.start();
  }

  boolean isReady() {
    return ready.getCount() == 0;
  }

  /** Waits until the cluster is ready (two minutes at most). */
  void await() {
    try {
      if (!ready.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        Object restored = meta.get(RESTORED);
        throw new StorageException(
            "the cluster is still restoring its records from its members' own storage: it waits"
                + " for "
                + needed
                + " members to have restored, and "
                + (restored == null ? 0 : ((Set<?>) restored).size())
                + " did",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while the cluster restores its records", e);
    }
  }

  private void restore() {
    try {
      Map<String, Restored> copies = mirror.load();
      LOG.info("restoring {} workflows from this member's copy", copies.size());
      for (Map.Entry<String, Restored> copy : copies.entrySet()) {
        if (isReady()) {
          return; // too late: the records went on without this copy
        }
        Calls.untilAnswered(
            member, () -> workflows.executeOnKey(copy.getKey(), new Restore(copy.getValue())));
      }
      String me = member.getCluster().getLocalMember().getAddress().toString();
      int count =
          Calls.untilAnswered(member, () -> (Integer) meta.executeOnKey(RESTORED, new Count(me)));
      if (count >= needed) {
        Calls.untilAnswered(member, () -> workflows.executeOnEntries(new Restore.End()));
        Calls.untilAnswered(member, () -> meta.put(READY, Boolean.TRUE));
        ready.countDown();
        LOG.info("the cluster's records are restored, from {} members", count);
      }
    } catch (RuntimeException e) {
      if (member.getLifecycleService().isRunning()) {
        LOG.error("this member could not restore its copy of the cluster's records", e);
      }
    }
  }

  /** Counts a member among those that restored; answers how many did. */
  static final class Count implements EntryProcessor<String, Object, Integer> {
    private static final long serialVersionUID = 1L;
    private final String member;

    Count(String member) {
      this.member = member;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer process(Map.Entry<String, Object> entry) {
      HashSet<String> restored =
          entry.getValue() == null ? new HashSet<>() : (HashSet<String>) entry.getValue();
      restored.add(member);
      entry.setValue(restored);
      return restored.size();
    }
  }
}
