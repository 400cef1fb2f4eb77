package dev.waymark.internal;

/**
 * Whether the runtime died of a {@link SimulatedCrash}: from then on no thread of it enters a run's
 * storage ({@link StorageGate}), and the rest of the death (stopping the runs and the threads,
 * letting go of the storage) runs once, on a thread of its own.
 */
final class ProcessDeath {
  private volatile boolean dead;
  private final Runnable rest;
  private Thread dying;
  private volatile RuntimeException failure;

  /** {@code rest} finishes the death; it runs on a new thread. */
  ProcessDeath(Runnable rest) {
    this.rest = rest;
  }

  boolean isDead() {
    return dead;
  }

  /** Dies: at once for the storage gates, then the rest on a new thread. */
  synchronized void die() {
    if (!dead) {
      dead = true;
      dying =
          new Thread(
              () -> {
                try {
                  rest.run();
                } catch (RuntimeException e) {
                  failure = e;
                }
              },
              "waymark-crash");
      dying.setDaemon(true);
      dying.start();
    }
  }

  /**
   * Waits until the death is complete (the storage let go).
   *
   * @throws IllegalStateException when the storage could not be let go as a killed process would
   */
  void awaitDeath() {
    Thread thread;
    synchronized (this) {
      thread = dying;
    }
    if (thread != null) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw new IllegalStateException(failure.getMessage(), failure);
    }
  }
}
