package dev.waymark.internal;

import dev.waymark.WaymarkEvent;
import dev.waymark.WaymarkListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's log, on SLF4J's logger {@code dev.waymark.runs}: WARN for retries, failures and
 * storage faults, INFO for resumes, stops and cancels, DEBUG for everything a successful step or
 * workflow does.
 */
final class EventLog implements WaymarkListener {
  static final Logger LOG = LoggerFactory.getLogger("dev.waymark.runs");

  @Override
  public void on(WaymarkEvent event) {
    if (event instanceof WaymarkEvent.StepRetried e) {
      LOG.warn(
          "workflow '{}': step '{}' failed (attempt {}), retried in {}: {}",
          e.workflowId(),
          e.taskId(),
          e.attempt(),
          e.delay(),
          e.error().toString());
    } else if (event instanceof WaymarkEvent.StepFailed e) {
      LOG.warn(
          "workflow '{}': step '{}' failed for good (attempt {}): {}",
          e.workflowId(),
          e.taskId(),
          e.attempt(),
          e.error().toString());
    } else if (event instanceof WaymarkEvent.WorkflowFailed e) {
      LOG.warn("workflow '{}' failed: {}", e.workflowId(), e.error().getMessage());
    } else if (event instanceof WaymarkEvent.WorkflowStopped e) {
      if (e.error() != null) {
        LOG.warn(
            "workflow '{}' stopped and stays resumable: {}",
            e.workflowId(),
            e.error().getMessage());
      } else {
        LOG.info("workflow '{}' stopped with its runtime; it is resumable", e.workflowId());
      }
    } else if (event instanceof WaymarkEvent.WorkflowResumed e) {
      LOG.info("workflow '{}' resumed from its last commits", e.workflowId());
    } else if (event instanceof WaymarkEvent.WorkflowCancelled e) {
      LOG.info("workflow '{}' canceled", e.workflowId());
    } else if (LOG.isDebugEnabled()) {
      debug(event);
    }
  }

  private static void debug(WaymarkEvent event) {
    if (event instanceof WaymarkEvent.StepCommitted e) {
      LOG.debug(
          "workflow '{}': step '{}' committed {} bytes after {}",
          e.workflowId(),
          e.taskId(),
          e.bytes(),
          Duration.between(e.started(), e.time()));
    } else if (event instanceof WaymarkEvent.WorkflowFinished e) {
      LOG.debug(
          "workflow '{}' finished after {}",
          e.workflowId(),
          Duration.between(e.started(), e.time()));
    } else {
      LOG.debug("{}", event);
    }
  }
}
