package dev.waymark.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Where steps run: on the runtime's pool, or on the thread of a caller that waits for the run
 * anyway ({@code run}, {@code resume}), which saves handing the run to a pool thread and its result
 * back. Either way a chain of steps holds one of {@code parallelism} slots while it runs, so the
 * steps that run at once stay within {@code parallelism}, callers' threads among them; a pool
 * thread waits for a slot only while callers' threads hold some.
 */
final class StepPool {
  private final Executor pool;
  private final Semaphore slots;

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

  /** Runs {@code task}, work that is not a step (a launch, a cancel), on a pool thread. */
  void execute(Runnable task) {
    pool.execute(task);
  }
}
