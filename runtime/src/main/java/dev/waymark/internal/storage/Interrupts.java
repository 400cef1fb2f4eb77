package dev.waymark.internal.storage;

/**
 * Sets a thread's interrupt aside around the storage's file operations. A {@code FileChannel} that
 * a thread uses while its interrupt is set closes itself, for every thread of the process: an
 * interrupted caller of {@code run}, or a step that ignored a cancel's interrupt and returned,
 * would otherwise close a segment's log or the lock file of workflow ids until the JVM ends. The
 * interrupt is set again afterwards, so the caller still sees it.
 */
final class Interrupts {
  private Interrupts() {}

  /** Clears this thread's interrupt; returns whether it was set, for {@link #restore}. */
  static boolean setAside() {
    return Thread.interrupted();
  }

  /** Sets this thread's interrupt again when {@link #setAside} found it set. */
  static void restore(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
