package dev.waymark.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where steps run: on the runtime's pool, or on the thread of a caller that waits for the run
 * anyway ({@code run}, {@code resume}), which saves handing the run to a pool thread and its result
 * back. Either way a chain of steps holds one of {@code parallelism} slots while it runs, so the
 * steps that run at once stay within {@code parallelism}, callers' threads among them; a pool
 * thread waits for a slot only while callers' threads hold some.
 *
 * <p>On a cluster that spreads steps ({@code lends}) a chain that finds every slot taken starts
 * without one (its storage work needs none): its step is lent to another member, or waits for a
 * slot here ({@link #tryTakeSlot}). A thread whose step runs elsewhere gives its slot back ({@link
 * #away}) and goes on without one. The pool then has more threads than slots.
 */
final class StepPool {
  private final Executor pool;
  private final Semaphore slots;
  private final boolean lends;

  /**
   * With {@code lends}: the chains under way at once, as many as the in-flight journal has slots,
   * since chains may start without a step slot (a caller's thread among them).
   */
  private final Semaphore chains;

  /** How many slots this thread holds (more than one only when a step runs a workflow here). */
  private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);

  private final AtomicInteger lentHere = new AtomicInteger();

  /** A pool of {@code parallelism} slots; one that lends steps when {@code chains} is more. */
  StepPool(Executor pool, int parallelism, int chains) {
    this.pool = pool;
    this.slots = new Semaphore(parallelism);
    this.lends = chains > parallelism;
    this.chains = new Semaphore(chains);
  }

  /** Runs {@code chain}, a chain of steps, on a pool thread once it has a slot. */
  void runChain(Runnable chain) {
    pool.execute(
        () -> {
          if (lends) {
            chains.acquireUninterruptibly(); // given back by each chain as it ends
            try {
              runHolding(slots.tryAcquire() ? 1 : 0, chain); // without a slot: lent, or waits
            } finally {
              chains.release();
            }
            return;
          }
          // a slot is always given back by the chain holding it, so this wait ends
          slots.acquireUninterruptibly();
          try {
            chain.run();
          } finally {
            slots.release();
          }
        });
  }

  /**
   * Runs {@code chain} on this thread when a slot is free and the thread was not interrupted (an
   * interrupt is the caller's, not its steps'); else hands it to the pool.
   */
  void runChainHere(Runnable chain) {
    if (lends) {
      if (Thread.currentThread().isInterrupted() || !chains.tryAcquire()) {
        runChain(chain);
      } else if (!slots.tryAcquire()) {
        chains.release();
        runChain(chain);
      } else {
        try {
          runHolding(1, chain);
        } finally {
          chains.release();
        }
      }
      return;
    }
    if (Thread.currentThread().isInterrupted() || !slots.tryAcquire()) {
      runChain(chain);
      return;
    }
    try {
      chain.run();
    } finally {
      slots.release();
    }
  }

  /**
   * Runs {@code chain} with {@code taken} slots, counted for this thread; gives back what it holds.
   */
  private void runHolding(int taken, Runnable chain) {
    int[] mine = held.get();
    int before = mine[0];
    mine[0] += taken;
    try {
      chain.run();
    } finally {
      int now = mine[0];
      mine[0] = before;
      if (now > before) {
        slots.release(now - before);
      } else if (now < before) {
        // A run inside a step gave away the slot of the step that runs it, which goes on here.
        slots.acquireUninterruptibly(before - now);
      }
    }
  }

  /**
   * Whether every slot is taken and chains wait for one: steps here would wait too. Chains still
   * queued for a thread are not seen: that happens only when every spare thread waits for a step
   * lent out, and then the lending's own limit refuses more.
   */
  boolean saturated() {
    return slots.availablePermits() == 0 && slots.hasQueuedThreads();
  }

  /** Whether this thread holds a slot (with {@code lends}; else a chain always does). */
  boolean holdsSlot() {
    return held.get()[0] > 0;
  }

  /** Takes a slot for this thread, waiting at most {@code millis}; false if none came. */
  boolean tryTakeSlot(long millis) throws InterruptedException {
    if (!slots.tryAcquire(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      return false;
    }
    held.get()[0]++;
    return true;
  }

  /**
   * Runs {@code away}, a step running elsewhere, without a slot: this thread gives back its own.
   */
  <T> T away(java.util.concurrent.Callable<T> away) throws Exception {
    int[] mine = held.get();
    if (mine[0] > 0) {
      mine[0]--;
      slots.release();
    }
    return away.call();
  }

  /** Takes a slot for a step another member lent this one, when one is free. */
  boolean tryTakeLentSlot() {
    if (slots.hasQueuedThreads() || !slots.tryAcquire()) {
      return false;
    }
    lentHere.incrementAndGet();
    return true;
  }

  /** Gives back a slot {@link #tryTakeLentSlot} took. */
  void giveLentSlot() {
    lentHere.decrementAndGet();
    slots.release();
  }

  /** How many steps other members lent this one run here now. */
  int lentHere() {
    return lentHere.get();
  }

  /** Runs {@code task}, work that is not a step (a launch, a cancel), on a pool thread. */
  void execute(Runnable task) {
    pool.execute(task);
  }
}
