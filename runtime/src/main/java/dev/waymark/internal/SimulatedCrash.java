package dev.waymark.internal;

/**
 * Thrown by a {@link RunHooks} method to kill its runtime where it is called: nothing more is
 * written to the storage, and the storage's locks are let go without closing anything cleanly, so
 * the next runtime opened on it recovers what the dead one left, as after SIGKILL.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  public SimulatedCrash(String where) {
    super("a crash injected " + where, null, false, false);
  }
}
