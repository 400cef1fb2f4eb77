package dev.waymark.opentelemetry;

import dev.waymark.WaymarkEvent;
import dev.waymark.WaymarkListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenTelemetry spans for Waymark, as a listener: register it with {@code
 * Waymark.builder().listener(new WaymarkTracing(openTelemetry.getTracer("dev.waymark")))}.
 *
 * <p>Each run of a workflow is a span {@code waymark.workflow}; each attempt of a step is a child
 * span {@code waymark.step}, from its start to its commit, retry or failure. A resume is a new run
 * span ({@code waymark.resumed} true): a step an earlier run committed gets no span again; each
 * committed output the resume reads back is an event {@code waymark.step.restored} on the run. A
 * run its process's death cut short is never ended, so it is not exported, as it would not be after
 * a real crash. Spans carry the events' times, by the runtime's clock.
 */
public final class WaymarkTracing implements WaymarkListener {
  static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("waymark.workflow.id");
  static final AttributeKey<String> TASK = AttributeKey.stringKey("waymark.task.id");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("waymark.attempt");
  static final AttributeKey<Boolean> RESUMED = AttributeKey.booleanKey("waymark.resumed");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("waymark.status");
  static final AttributeKey<Long> BYTES = AttributeKey.longKey("waymark.checkpoint.bytes");

  private final Tracer tracer;
  private final Map<String, Span> runs = new ConcurrentHashMap<>();
  private final Map<String, Span> attempts = new ConcurrentHashMap<>();

  public WaymarkTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void on(WaymarkEvent event) {
    if (event instanceof WaymarkEvent.StepStarted e) {
      attempts.put(
          key(e.workflowId(), e.taskId()), step(e.workflowId(), e.taskId(), e.attempt(), e.time()));
    } else if (event instanceof WaymarkEvent.StepCommitted e) {
      Span span = attempts.remove(key(e.workflowId(), e.taskId()));
      if (span == null) { // a built-in step (a sleep, an event wait): no attempt began it
        span = step(e.workflowId(), e.taskId(), e.attempt(), e.started());
      }
      span.setAttribute(BYTES, (long) e.bytes());
      span.end(e.time());
    } else if (event instanceof WaymarkEvent.StepRetried e) {
      failed(e.workflowId(), e.taskId(), e.error(), e.time());
    } else if (event instanceof WaymarkEvent.StepFailed e) {
      failed(e.workflowId(), e.taskId(), e.error(), e.time());
    } else if (event instanceof WaymarkEvent.StepRestored e) {
      Span run = runs.get(e.workflowId());
      if (run != null) {
        run.addEvent("waymark.step.restored", Attributes.of(TASK, e.taskId()), e.time());
      }
    } else if (event instanceof WaymarkEvent.WorkflowStarted e) {
      begin(e.workflowId(), false, e.time());
    } else if (event instanceof WaymarkEvent.WorkflowResumed e) {
      begin(e.workflowId(), true, e.time());
    } else if (event instanceof WaymarkEvent.WorkflowFinished e) {
      end(e.workflowId(), "successful", null, e.time());
    } else if (event instanceof WaymarkEvent.WorkflowFailed e) {
      end(e.workflowId(), "failed", e.error(), e.time());
    } else if (event instanceof WaymarkEvent.WorkflowCancelled e) {
      end(e.workflowId(), "canceled", null, e.time());
    } else if (event instanceof WaymarkEvent.WorkflowStopped e) {
      end(e.workflowId(), "stopped", e.error(), e.time());
    }
  }

  private static String key(String workflowId, String taskId) {
    return workflowId + '\u0000' + taskId;
  }

  private void begin(String workflowId, boolean resumed, Instant at) {
    // A run still open here was cut short by its runtime's death: dropped, never exported.
    runs.remove(workflowId);
    attempts.keySet().removeIf(key -> key.startsWith(workflowId + '\u0000'));
    runs.put(
        workflowId,
        tracer
            .spanBuilder("waymark.workflow")
            .setNoParent()
            .setStartTimestamp(at)
            .setAttribute(WORKFLOW, workflowId)
            .setAttribute(RESUMED, resumed)
            .startSpan());
  }

  private Span step(String workflowId, String taskId, int attempt, Instant at) {
    Span run = runs.get(workflowId);
    return tracer
        .spanBuilder("waymark.step")
        .setParent(run == null ? Context.root() : Context.root().with(run))
        .setStartTimestamp(at)
        .setAttribute(WORKFLOW, workflowId)
        .setAttribute(TASK, taskId)
        .setAttribute(ATTEMPT, (long) attempt)
        .startSpan();
  }

  private void failed(String workflowId, String taskId, Throwable error, Instant at) {
    Span span = attempts.remove(key(workflowId, taskId));
    if (span != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      span.end(at);
    }
  }

  private void end(String workflowId, String status, Throwable error, Instant at) {
    Span run = runs.remove(workflowId);
    if (run == null) {
      return;
    }
    run.setAttribute(STATUS, status);
    if (error != null) {
      run.recordException(error);
    }
    if (status.equals("failed")) {
      run.setStatus(StatusCode.ERROR, String.valueOf(error == null ? null : error.getMessage()));
    }
    run.end(at);
  }
}
