package dev.waymark.cluster.internal;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.waymark.internal.storage.ClusteredStorage.Driver;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Takes over the workflows that no live member drives: after a member left, this member resumes
 * those of its partitions that were running or pending ({@link Orphaned}). It looks every 500 ms
 * for 10 s after each member leaves or joins (partitions move for a while after one) and after the
 * cluster restored its records ({@link Restoration}), and a few times after it joined.
 */
final class Takeovers {
  private static final long SWEEP_MILLIS = 500;
  private static final int SWEEPS_AFTER_LEAVE = 20;
  private static final int SWEEPS_AFTER_JOIN = 4;

  private final IMap<String, WorkflowEntry> workflows;
  private final CompletableFuture<Driver> driver;
  private final Supplier<Set<String>> alive;
  private final BooleanSupplier ready;
  private final AtomicInteger sweeps = new AtomicInteger(SWEEPS_AFTER_JOIN);
  private boolean wasReady;

  private Takeovers(
      IMap<String, WorkflowEntry> workflows,
      CompletableFuture<Driver> driver,
      Supplier<Set<String>> alive,
      BooleanSupplier ready) {
    this.workflows = workflows;
    this.driver = driver;
    this.alive = alive;
    this.ready = ready;
  }

  /**
   * Watches {@code member}'s cluster, and has {@code driver} resume what this member takes, once
   * the cluster is {@code ready}.
   */
  static void watch(
      HazelcastInstance member,
      IMap<String, WorkflowEntry> workflows,
      CompletableFuture<Driver> driver,
      Supplier<Set<String>> alive,
      BooleanSupplier ready,
      ScheduledExecutorService timer) {
    Takeovers takeovers = new Takeovers(workflows, driver, alive, ready);
    member
        .getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent event) {
                // partitions move, and a quorum may be back: a claim a member could not release
                // before is released now
                takeovers.sweeps.set(SWEEPS_AFTER_LEAVE);
              }

              @Override
              public void memberRemoved(MembershipEvent event) {
                takeovers.sweeps.set(SWEEPS_AFTER_LEAVE);
              }
            });
    timer.scheduleWithFixedDelay(
        takeovers::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    Driver runtime = driver.getNow(null);
    if (runtime == null) {
      return;
    }
    if (!ready.getAsBoolean()) {
      wasReady = false;
      return;
    }
    if (!wasReady) {
      wasReady = true; // the records may have been restored: those running are orphans
      sweeps.set(SWEEPS_AFTER_LEAVE);
    }
    if (sweeps.get() <= 0) {
      return;
    }
    sweeps.decrementAndGet();
    try {
      for (String workflowId : workflows.localKeySet(new Orphaned(alive.get()))) {
        try {
          runtime.start(workflowId, null);
        } catch (RuntimeException e) {
          // another member took it first, or it cannot resume here: a later sweep looks again
        }
      }
    } catch (RuntimeException e) {
      // the cluster is below its quorum, or shutting down: a later sweep looks again
    }
  }
}
