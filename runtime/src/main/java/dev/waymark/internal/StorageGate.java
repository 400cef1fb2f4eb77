package dev.waymark.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which threads of a run are in its storage code and which in a step's own code, so that a stop can
 * give up on steps that outlive its grace period without cutting a storage write in half: once the
 * run is abandoned, no thread of it enters its storage again, and only threads in step code are
 * interrupted (an interrupt in the middle of a file operation would close its channel).
 */
final class StorageGate {
  /** How long an abandon waits for threads to finish a storage write they began. */
  private static final long QUIET_NANOS = 5_000_000_000L;

  private final AtomicInteger storageUsers = new AtomicInteger();
  private final ProcessDeath death;
  private final Set<Thread> inStepCode = ConcurrentHashMap.newKeySet();

  /**
   * Set once a stop gave up on the steps still running: from then on nothing of this run touches
   * its storage, which belongs to whichever process resumes the workflow.
   */
  private volatile boolean abandoned;

  /** A gate that is also closed once the runtime dies of {@code death}. */
  StorageGate(ProcessDeath death) {
    this.death = death;
  }

  /**
   * This thread begins to use the run's storage; false, touching nothing, once the run was
   * abandoned. Each true is matched by {@link #leave} or {@link #exit}.
   */
  boolean enter() {
    storageUsers.incrementAndGet();
    if (abandoned || death.isDead()) {
      storageUsers.decrementAndGet();
      return false;
    }
    return true;
  }

  /** This thread is done with the run's storage. */
  void exit() {
    storageUsers.decrementAndGet();
  }

  /** This thread runs a step's own code, which a stop does not wait for after its grace period. */
  void leave() {
    inStepCode.add(Thread.currentThread());
    storageUsers.decrementAndGet();
  }

  /** The step's code returned; false when the run was abandoned meanwhile. */
  boolean returnFromStep() {
    inStepCode.remove(Thread.currentThread());
    return enter();
  }

  /** Interrupts the threads in a step's own code (a cancel). */
  void interruptSteps() {
    for (Thread thread : inStepCode) {
      thread.interrupt();
    }
  }

  /**
   * Abandons the run: waits (microseconds, at most a few seconds) for the threads finishing a write
   * they began, then interrupts the steps, none of which touches the storage again.
   */
  void abandon() {
    abandoned = true;
    long deadline = System.nanoTime() + QUIET_NANOS;
    while (storageUsers.get() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    // Only now: no thread is in the run's storage code any more, so none is interrupted there.
    interruptSteps();
  }
}
