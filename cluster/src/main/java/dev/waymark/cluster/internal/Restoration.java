package dev.waymark.cluster.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.waymark.exceptions.StorageException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the cluster's records are made whole again from its members' own copies ({@link Mirror}):
 * when a cluster that stopped whole starts again, and when it lost partitions (every member that
 * held one left at once). Each time is a round: every member adds what its copy holds to the
 * records ({@link Restore}: only to those lost, a live record is left as it is), then counts
 * itself; once {@code all} the members named did, the round is over and the cluster ready. Until
 * then, nothing is claimed, run or read here. Every acknowledged write is in the copy of the member
 * that owned the record then, and in its backups' but for a while after a member left (Hazelcast
 * makes the backups again), so all the members' copies hold every one. If some do not come within a
 * minute, the round ends with {@code enough} of them (all but the backups, and a quorum), saying
 * what may be lost. A member that joins a ready cluster restores nothing: the records are newer.
 */
final class Restoration {
  static final String META = "waymark-meta";
  private static final String ROUND = "round";
  private static final String READY = "ready";
  private static final String RESTORED = "restored-";
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
  private final Object lock = new Object();
  private final AtomicLong restoring = new AtomicLong(-1);
  private volatile long round;
  private volatile long lastOver = -1;
  private volatile boolean ready;

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
   * Follows the rounds, and takes part in those not over: in the background, unless this member has
   * no copy to give (an observer: {@code mirror} null).
   */
  void start() {
    meta.addEntryListener(new Changes(), true);
    workflows.addPartitionLostListener(lost -> nextRound());
    meta.addPartitionLostListener(lost -> nextRound());
    long now = Calls.untilAnswered(member, () -> longOf(meta.get(ROUND)));
    round = Math.max(round, now);
    Long over = Calls.untilAnswered(member, () -> (Long) meta.get(READY));
    if (!over(over == null ? -1 : over)) {
      takePart(round);
    }
  }

  /** The meta map's changes: a new round, or one over. */
  private final class Changes
      implements EntryAddedListener<String, Object>, EntryUpdatedListener<String, Object> {
    @Override
    public void entryAdded(EntryEvent<String, Object> event) {
      changed(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, Object> event) {
      changed(event.getKey(), event.getValue());
    }

    private void changed(String key, Object value) {
      if (ROUND.equals(key) && longOf(value) > round) {
        round = longOf(value);
        setReady(false);
        takePart(round);
      } else if (READY.equals(key)) {
        over(longOf(value));
      }
    }
  }

  /** Round {@code over} ended: the cluster is ready if that was the current one. */
  private boolean over(long over) {
    lastOver = Math.max(lastOver, over);
    if (lastOver >= round) {
      setReady(true);
      return true;
    }
    return false;
  }

  /**
   * Partitions were lost: a new round restores their records. Each lost partition says so, and all
   * name the round after the last one over: together they start one round.
   */
  private void nextRound() {
    long next = lastOver + 1;
    if (round >= next) {
      return; // that round is under way
    }
    setReady(false);
    LOG.warn("the cluster lost records with members that left at once: restoring them");
    try {
      Calls.untilAnswered(member, () -> meta.executeOnKey(ROUND, new Raise(next)));
    } catch (RuntimeException e) {
      // shutting down
    }
  }

  private void takePart(long number) {
    if (mirror == null || restoring.getAndAccumulate(number, Math::max) >= number) {
      return; // an observer, or this round is under way here already
    }
    Thread thread = new Thread(() -> restore(number), "waymark-restore");
    thread.setDaemon(true);
    thread.start();
  }

  boolean isReady() {
    return ready;
  }

  private void setReady(boolean now) {
    synchronized (lock) {
      ready = now;
      lock.notifyAll();
    }
  }

  /** Waits until the cluster is ready (two minutes at most). */
  void await() {
    if (ready) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    synchronized (lock) {
      while (!ready) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StorageException(
              "the cluster is still restoring its records from its members' own storage: it waits"
                  + " for "
                  + all
                  + " members to have restored, and "
                  + restored(round)
                  + " did",
              null);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException("interrupted while the cluster restores its records", e);
        }
      }
    }
  }

  private void restore(long number) {
    try {
      Map<String, Restored> copies = mirror.load();
      LOG.info("restoring {} workflows from this member's copy (round {})", copies.size(), number);
      for (Map.Entry<String, Restored> copy : copies.entrySet()) {
        if (ready || round != number) {
          return; // too late: the records went on without this copy
        }
        Calls.untilAnswered(
            member, () -> workflows.executeOnKey(copy.getKey(), new Restore(copy.getValue())));
      }
      String me = member.getCluster().getLocalMember().getAddress().toString();
      Calls.untilAnswered(member, () -> meta.executeOnKey(RESTORED + number, new Count(me)));
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ALL_MEMBERS_MILLIS);
      while (!ready && round == number) {
        int count = restored(number);
        boolean late = System.nanoTime() > deadline;
        if (count >= all || (late && count >= enough)) {
          if (count < all) {
            LOG.warn(
                "the cluster goes on without the copies of {} of its {} members, which did not"
                    + " come within {} s: what only they held is lost",
                all - count,
                all,
                ALL_MEMBERS_MILLIS / 1000);
          }
          Calls.untilAnswered(member, () -> workflows.executeOnEntries(new Restore.End()));
          Calls.untilAnswered(member, () -> meta.executeOnKey(READY, new Raise(number)));
          LOG.info("the cluster's records are restored, from {} members", count);
          return;
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (member.getLifecycleService().isRunning()) {
        LOG.error("this member could not restore its copy of the cluster's records", e);
      }
    }
  }

  /** How many members restored in round {@code number}. */
  private int restored(long number) {
    Object restored = Calls.untilAnswered(member, () -> meta.get(RESTORED + number));
    return restored == null ? 0 : ((Set<?>) restored).size();
  }

  private static long longOf(Object value) {
    return value == null ? 0 : (Long) value;
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

  /** Raises a number to {@code to}, never lowers it; answers it. */
  static final class Raise implements EntryProcessor<String, Object, Long> {
    private static final long serialVersionUID = 1L;
    private final long to;

    Raise(long to) {
      this.to = to;
    }

    @Override
    public Long process(Map.Entry<String, Object> entry) {
      long now = Math.max(longOf(entry.getValue()), to);
      entry.setValue(now);
      return now;
    }
  }
}
