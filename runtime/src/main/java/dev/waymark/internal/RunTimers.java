package dev.waymark.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The timers of one run (its durable sleeps, backoffs and polls): each is kept until it fires, so
 * that a cancel, a stop or a crash drops the ones still waiting.
 */
final class RunTimers {
  private final ScheduledExecutorService executor;
  private final Set<ScheduledFuture<?>> waiting = ConcurrentHashMap.newKeySet();

  RunTimers(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Runs {@code action} once {@code delayMillis} of {@code clock} have passed. */
  void schedule(Runnable action, long delayMillis, WorkflowClock clock) {
    AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
    Runnable timed =
        () -> {
          ScheduledFuture<?> future = self.get();
          if (future != null) {
            waiting.remove(future);
          }
          action.run();
        };
    ScheduledFuture<?> future = clock.schedule(executor, timed, delayMillis);
    self.set(future);
    waiting.add(future);
    if (future.isDone()) {
      waiting.remove(future);
    }
  }

  /**
   * Drops every timer still waiting, none of whose actions runs afterwards; returns how many it
   * dropped (a timer firing meanwhile is not counted: its action runs).
   */
  int dropAll() {
    int dropped = 0;
    for (ScheduledFuture<?> timer : waiting) {
      if (timer.cancel(false)) {
        waiting.remove(timer);
        dropped++;
      }
    }
    return dropped;
  }
}
