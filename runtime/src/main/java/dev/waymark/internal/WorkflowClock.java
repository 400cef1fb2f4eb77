package dev.waymark.internal;

import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time a runtime reads: when a durable sleep wakes, when a retry runs again, and every time it
 * stores. The system clock by default; a test sets a clock of its own and moves it forward. Timers
 * on the system clock wait on the runtime's timer thread; timers on any other clock are checked
 * against it every {@value #TICK_MILLIS} ms, as nothing tells the runtime when such a clock moves.
 */
public final class WorkflowClock {
  /** How often a timer on a clock other than the system's checks whether it is due. */
  static final long TICK_MILLIS = 5;

  private static final WorkflowClock SYSTEM = new WorkflowClock(null);

  /** Null for the system clock, read through {@link System#currentTimeMillis}. */
  private final InstantSource source;

  private WorkflowClock(InstantSource source) {
    this.source = source;
  }

  /** The runtime's time: {@code source}, or the system clock when it is null or the system's. */
  public static WorkflowClock of(InstantSource source) {
    return source == null || source.equals(InstantSource.system())
        ? SYSTEM
        : new WorkflowClock(source);
  }

  /** The system clock. */
  public static WorkflowClock system() {
    return SYSTEM;
  }

  /** Whether this is the system clock. */
  boolean isSystem() {
    return source == null;
  }

  /** The current time in epoch milliseconds. */
  public long millis() {
    return source == null ? System.currentTimeMillis() : source.millis();
  }

  /**
   * Runs {@code action} on {@code timer} once {@code delayMillis} of this clock have passed; the
   * returned future cancels it.
   */
  ScheduledFuture<?> schedule(ScheduledExecutorService timer, Runnable action, long delayMillis) {
    if (source == null) {
      return timer.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
    }
    long due = millis() + delayMillis;
    AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
    Runnable check =
        () -> {
          ScheduledFuture<?> future = self.get();
          if (future == null || future.isCancelled() || millis() < due) {
            return; // not scheduled yet (checked again next tick), canceled, or not due
          }
          if (future.cancel(false)) {
            action.run();
          }
        };
    ScheduledFuture<?> future =
        timer.scheduleWithFixedDelay(check, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    self.set(future);
    return future;
  }
}
