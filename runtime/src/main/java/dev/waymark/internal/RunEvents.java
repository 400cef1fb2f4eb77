package dev.waymark.internal;

import dev.waymark.WaymarkEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds and delivers the {@link WaymarkEvent}s of a run, each only when someone listens: with no
 * listener, each call checks one null and builds nothing (not even the task's name).
 */
final class RunEvents {
  private RunEvents() {}

  private static Instant now(Execution run) {
    return Instant.ofEpochMilli(run.services().clock().millis());
  }

  // ---- a step's events, delivered only when every step is listened to

  static void stepStarted(Frame frame, int t, int attempt) {
    Observers observers = frame.run().stepObservers();
    if (observers != null) {
      Execution run = frame.run();
      observers.emit(
          new WaymarkEvent.StepStarted(run.workflowId(), frame.name(t), attempt, now(run)));
    }
  }

  static void stepCommitted(Frame frame, int t, Outcome.Value value, long endMillis, int bytes) {
    Observers observers = frame.run().stepObservers();
    if (observers != null) {
      observers.emit(
          new WaymarkEvent.StepCommitted(
              frame.run().workflowId(),
              frame.name(t),
              value.attempt(),
              Instant.ofEpochMilli(value.startMillis()),
              Instant.ofEpochMilli(endMillis),
              bytes));
    }
  }

  static void stepRestored(Frame frame, int t) {
    Observers observers = frame.run().stepObservers();
    if (observers != null) {
      Execution run = frame.run();
      observers.emit(new WaymarkEvent.StepRestored(run.workflowId(), frame.name(t), now(run)));
    }
  }

  static void stateSaved(Execution run, String taskId, int attempt, long number) {
    Observers observers = run.stepObservers();
    if (observers != null) {
      observers.emit(
          new WaymarkEvent.StateSaved(run.workflowId(), taskId, attempt, number, now(run)));
    }
  }

  static void sleepStarted(Frame frame, int t, long wakeMillis) {
    Observers observers = frame.run().stepObservers();
    if (observers != null) {
      Execution run = frame.run();
      observers.emit(
          new WaymarkEvent.SleepStarted(
              run.workflowId(), frame.name(t), Instant.ofEpochMilli(wakeMillis), now(run)));
    }
  }

  static void sleepEnded(Frame frame, int t) {
    Observers observers = frame.run().stepObservers();
    if (observers != null) {
      Execution run = frame.run();
      observers.emit(new WaymarkEvent.SleepEnded(run.workflowId(), frame.name(t), now(run)));
    }
  }

  static void eventReceived(Frame frame, int t, String key) {
    Observers observers = frame.run().stepObservers();
    if (observers != null) {
      Execution run = frame.run();
      observers.emit(
          new WaymarkEvent.EventReceived(run.workflowId(), frame.name(t), key, now(run)));
    }
  }

  // ---- retries, failures and the run's own events, delivered to every listener

  static void stepRetried(Frame frame, int t, Outcome.Retry retry) {
    Observers observers = frame.run().services().observers();
    if (observers != null) {
      Execution run = frame.run();
      observers.emit(
          new WaymarkEvent.StepRetried(
              run.workflowId(),
              frame.name(t),
              retry.attempt(),
              now(run),
              retry.error(),
              Duration.ofMillis(retry.delayMillis())));
    }
  }

  static void stepFailed(Frame frame, int t, Outcome.Failed failed) {
    Observers observers = frame.run().services().observers();
    if (observers != null) {
      Execution run = frame.run();
      observers.emit(
          new WaymarkEvent.StepFailed(
              run.workflowId(), frame.name(t), failed.attempt(), now(run), failed.error()));
    }
  }

  static void workflowStarted(Execution run, boolean fresh) {
    Observers observers = run.services().observers();
    if (observers != null) {
      observers.emit(
          fresh
              ? new WaymarkEvent.WorkflowStarted(run.workflowId(), now(run))
              : new WaymarkEvent.WorkflowResumed(run.workflowId(), now(run)));
    }
  }

  static void workflowFinished(Execution run, long startMillis, long endMillis) {
    Observers observers = run.services().observers();
    if (observers != null) {
      observers.emit(
          new WaymarkEvent.WorkflowFinished(
              run.workflowId(),
              Instant.ofEpochMilli(startMillis),
              Instant.ofEpochMilli(endMillis)));
    }
  }

  /**
   * The run ended without success: canceled, failed, or stopped (by the runtime's close, {@code
   * error} null, or by a storage fault, which leaves it resumable).
   */
  static void workflowEnded(
      Execution run, long startMillis, dev.waymark.WorkflowStatus status, Throwable error) {
    Observers observers = run.services().observers();
    if (observers == null) {
      return;
    }
    Instant started = Instant.ofEpochMilli(startMillis);
    Instant now = now(run);
    String id = run.workflowId();
    observers.emit(
        switch (status) {
          case CANCELED -> new WaymarkEvent.WorkflowCancelled(id, started, now);
          case FAILED -> new WaymarkEvent.WorkflowFailed(id, started, now, error);
          default -> new WaymarkEvent.WorkflowStopped(id, started, now, error);
        });
  }
}
