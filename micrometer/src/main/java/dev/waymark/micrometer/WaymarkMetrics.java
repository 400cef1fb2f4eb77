package dev.waymark.micrometer;

import dev.waymark.WaymarkEvent;
import dev.waymark.WaymarkListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waymark's metrics in a Micrometer {@link MeterRegistry}, as a listener: register it with {@code
 * Waymark.builder().listener(new WaymarkMetrics(registry))}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><td>{@code waymark.workflows.started}</td><td>counter, tag {@code kind}: {@code new} or
 *       {@code resumed}</td></tr>
 *   <tr><td>{@code waymark.workflows.ended}</td><td>counter, tag {@code status}: {@code
 *       successful}, {@code failed}, {@code canceled} or {@code stopped} (left resumable)</td></tr>
 *   <tr><td>{@code waymark.steps.committed}, {@code .retried}, {@code .failed}, {@code
 *       .restored}</td><td>counters, tag {@code step}</td></tr>
 *   <tr><td>{@code waymark.step.duration}</td><td>timer of each committed attempt, tag {@code
 *       step}</td></tr>
 *   <tr><td>{@code waymark.checkpoint.size}</td><td>distribution summary of the bytes each commit
 *       stored, in bytes</td></tr>
 *   <tr><td>{@code waymark.recovery.duration}</td><td>timer: from a resume's start to its first
 *       step (or its end), the time spent restoring what earlier runs committed</td></tr>
 * </table>
 *
 * <p>The {@code step} tag is the task id without a repeat suffix ({@code charge_2} counts as {@code
 * charge}), so that a workflow with a thousand calls of one step makes one time series.
 */
public final class WaymarkMetrics implements WaymarkListener {
  private final MeterRegistry registry;
  private final DistributionSummary checkpointSize;
  private final Timer recovery;

  /** Resumes whose first step has not started yet: workflow id to when the resume began. */
  private final Map<String, Instant> restoring = new ConcurrentHashMap<>();

  public WaymarkMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.checkpointSize =
        DistributionSummary.builder("waymark.checkpoint.size")
            .baseUnit("bytes")
            .description("Bytes stored by each step commit")
            .register(registry);
    this.recovery =
        Timer.builder("waymark.recovery.duration")
            .description("From a resume's start to its first step: restoring earlier commits")
            .register(registry);
  }

  @Override
  public void on(WaymarkEvent event) {
    if (event instanceof WaymarkEvent.StepCommitted e) {
      recovered(e.workflowId(), e.started());
      String step = step(e.taskId());
      counter("waymark.steps.committed", "step", step).increment();
      Timer.builder("waymark.step.duration")
          .tag("step", step)
          .register(registry)
          .record(Duration.between(e.started(), e.time()));
      checkpointSize.record(e.bytes());
    } else if (event instanceof WaymarkEvent.StepStarted e) {
      recovered(e.workflowId(), e.time());
    } else if (event instanceof WaymarkEvent.StepRetried e) {
      counter("waymark.steps.retried", "step", step(e.taskId())).increment();
    } else if (event instanceof WaymarkEvent.StepFailed e) {
      counter("waymark.steps.failed", "step", step(e.taskId())).increment();
    } else if (event instanceof WaymarkEvent.StepRestored e) {
      counter("waymark.steps.restored", "step", step(e.taskId())).increment();
    } else if (event instanceof WaymarkEvent.WorkflowStarted) {
      counter("waymark.workflows.started", "kind", "new").increment();
    } else if (event instanceof WaymarkEvent.WorkflowResumed e) {
      counter("waymark.workflows.started", "kind", "resumed").increment();
      restoring.put(e.workflowId(), e.time());
    } else if (event instanceof WaymarkEvent.WorkflowFinished e) {
      ended(e, "successful");
    } else if (event instanceof WaymarkEvent.WorkflowFailed e) {
      ended(e, "failed");
    } else if (event instanceof WaymarkEvent.WorkflowCancelled e) {
      ended(e, "canceled");
    } else if (event instanceof WaymarkEvent.WorkflowStopped e) {
      ended(e, "stopped");
    }
  }

  private void ended(WaymarkEvent event, String status) {
    recovered(event.workflowId(), event.time());
    counter("waymark.workflows.ended", "status", status).increment();
  }

  /** A resumed workflow's first step started (or it ended) at {@code at}: restoring is over. */
  private void recovered(String workflowId, Instant at) {
    if (!restoring.isEmpty()) {
      Instant began = restoring.remove(workflowId);
      if (began != null) {
        recovery.record(Duration.between(began, at.isBefore(began) ? began : at));
      }
    }
  }

  private Counter counter(String name, String tag, String value) {
    return Counter.builder(name).tag(tag, value).register(registry);
  }

  /** The task id without its repeat suffix: {@code inc_2} is step {@code inc}. */
  static String step(String taskId) {
    int underscore = taskId.lastIndexOf('_');
    if (underscore > 0 && underscore < taskId.length() - 1) {
      for (int i = underscore + 1; i < taskId.length(); i++) {
        if (!Character.isDigit(taskId.charAt(i))) {
          return taskId;
        }
      }
      return taskId.substring(0, underscore);
    }
    return taskId;
  }
}
