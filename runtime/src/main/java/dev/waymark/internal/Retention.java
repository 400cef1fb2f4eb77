package dev.waymark.internal;

import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowNotFoundException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Deletes finished workflows (SUCCESSFUL, FAILED, CANCELED) once they ended long enough ago: on
 * request, and every so often on a thread of its own when the runtime keeps finished workflows for
 * a set time, so that the disk a steady stream of workflows uses stays bounded.
 */
final class Retention implements AutoCloseable {
  private final ScheduledExecutorService sweeper;

  /**
   * Sweeps every half of {@code keep} (between 50 ms and 10 minutes) with {@code sweep}; every 50
   * ms on a clock other than the system's, which may move faster.
   */
  private Retention(Duration keep, Runnable sweep, WorkflowClock clock) {
    long every =
        clock.isSystem()
            ? Math.min(Math.max(keep.toMillis() / 2, 50), TimeUnit.MINUTES.toMillis(10))
            : 50;
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            StepThreads.factory("waymark-retention-", false));
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            sweep.run();
          } catch (RuntimeException e) {
            // a storage hiccup: the next sweep tries again
          }
        },
        0,
        every,
        TimeUnit.MILLISECONDS);
  }

  /** A periodic sweep of what ended more than {@code keep} ago; null when nothing expires. */
  static Retention every(
      Duration keep, Storage store, Consumer<String> delete, WorkflowClock clock) {
    return keep == null
        ? null
        : new Retention(
            keep,
            () -> sweep(store, delete, clock.millis() - keep.toMillis(), Thread::interrupted),
            clock);
  }

  /**
   * Deletes every finished workflow that ended at or before {@code cutoffMillis} with {@code
   * delete} (a workflow that ended in the millisecond a {@code deleteFinished(Duration.ZERO)} is
   * called is finished too); returns how many it deleted. One that another process runs, resumes or
   * deletes meanwhile is left to it. Stops early once {@code stopped} says so.
   */
  static int sweep(
      Storage store, Consumer<String> delete, long cutoffMillis, BooleanSupplier stopped) {
    int deleted = 0;
    for (String id : store.workflowIds()) {
      if (stopped.getAsBoolean()) {
        break;
      }
      StatusRecord status = store.readStatus(id);
      if (status != null
          && isFinished(status.status())
          && status.endMillis() > 0
          && status.endMillis() <= cutoffMillis) {
        try {
          delete.accept(id);
          deleted++;
        } catch (WorkflowStillActiveException | WorkflowNotFoundException e) {
          // resumed or deleted by someone else since its status was read
        }
      }
    }
    return deleted;
  }

  private static boolean isFinished(WorkflowStatus status) {
    return status == WorkflowStatus.SUCCESSFUL
        || status == WorkflowStatus.FAILED
        || status == WorkflowStatus.CANCELED;
  }

  /**
   * Stops the sweeps, and waits for one that runs to stop: none deletes anything once the runtime
   * went on to close its storage.
   */
  @Override
  public void close() {
    sweeper.shutdownNow(); // interrupts a sweep, which stops before its next workflow
    try {
      sweeper.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
