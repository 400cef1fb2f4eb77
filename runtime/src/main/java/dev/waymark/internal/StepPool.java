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
 * <p>On a cluster, a step lent to another member gives its slot back while it runs there ({@link
 * #away}); the pool then has more threads than slots, so that another chain takes it.
 */
final class StepPool {
  private final Executor pool;
  private final Semaphore slots;

  private final AtomicInteger lentHere = new AtomicInteger();

  StepPool(Executor pool, int parallelism) {
    this.pool = pool;
    this.slots = new Semaphore(parallelism);
  }

  /** Runs {@code chain}, a chain of steps, on a pool thread once it has a slot. */
  void runChain(Runnable chain) {
    pool.execute(
        () -> {
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
   * Whether every slot is taken and chains wait for one: steps here would wait too. Chains still
   * queued for a thread are not seen: that happens only when every spare thread waits for a step
   * lent out, and then the lending's own limit refuses more.
   */
  boolean saturated() {
    return slots.availablePermits() == 0 && slots.hasQueuedThreads();
  }

  /**
   * Waits for {@code away}, a step running elsewhere, without the slot this thread holds; takes a
   * slot again before it returns.
   */
  <T> T away(java.util.concurrent.Callable<T> away) throws Exception {
    slots.release();
    try {
      return away.call();
    } finally {
      slots.acquireUninterruptibly();
    }
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
