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
 * Restore}), then counts itself; once {@code all} the members named did, the cluster is ready: a
 * member ends the restoring and marks it so. Until then, nothing is claimed, run or read. Every
 * acknowledged write is in the copy of the member that owned the record then, and in its backups'
 * but for a while after a member left (Hazelcast makes the backups again), so all the members'
 * copies hold every one. If some do not join within a minute, the cluster goes on with {@code
 * enough} of them (all but the backups, and a quorum), and says what it may have lost. A member
 * that joins a ready cluster restores nothing: the cluster's records are newer than its copy.
 */
final class Restoration {
  static final String META = "waymark-meta";
  private static final String RESTORED = "restored";
  private static final String READY = "ready";
  private static final long WAIT_MILLIS = 120_000;

  /** How long the members that restored wait for the others, before they go on with enough. */
  private static final long ALL_MEMBERS_MILLIS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(Restoration.class);

  private final HazelcastInstance member;
  private final IMap<String, WorkflowEntry> workflows;
  private final IMap<String, Object> meta;
  private final Mirror mirror;
  private final int all;
  private final int enough;
  private final CountDownLatch ready = new CountDownLatch(1);

  Restoration(
      HazelcastInstance member,
      IMap<String, WorkflowEntry> workflows,
      Mirror mirror,
      int all,
      int enough) {
    this.member = member;
    this.workflows = workflows;
    this.meta = member.getMap(META);
    this.mirror = mirror;
    this.all = all;
    this.enough = enough;
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
                + all
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
      Calls.untilAnswered(member, () -> meta.executeOnKey(RESTORED, new Count(me)));
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ALL_MEMBERS_MILLIS);
      while (!isReady()) {
        Object restored = Calls.untilAnswered(member, () -> meta.get(RESTORED));
        int count = ((Set<?>) restored).size();
        boolean late = System.nanoTime() > deadline;
        if (count >= all || (late && count >= enough)) {
          if (count < all) {
            LOG.warn(
                "the cluster goes on without the copies of {} of its {} members, which did not"
                    + " join within {} s: what only they held when every member stopped is lost",
                all - count,
                all,
                ALL_MEMBERS_MILLIS / 1000);
          }
          Calls.untilAnswered(member, () -> workflows.executeOnEntries(new Restore.End()));
          Calls.untilAnswered(member, () -> meta.put(READY, Boolean.TRUE));
          ready.countDown();
          LOG.info("the cluster's records are restored, from {} members", count);
        } else {
          Thread.sleep(200);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
