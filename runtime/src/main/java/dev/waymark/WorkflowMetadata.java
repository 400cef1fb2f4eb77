package dev.waymark;

import java.time.Instant;
import java.util.Map;

/**
 * What is known about a workflow: the metadata given to {@code run}, when its latest run started
 * and ended ({@code end} is null while that run has not ended), and when it was first started. A
 * workflow resumed after a crash or a failure has a later {@code start} than {@code firstStart}.
 */
public record WorkflowMetadata(
    String workflowId,
    WorkflowStatus status,
    Map<String, String> metadata,
    Instant start,
    Instant end,
    Instant firstStart) {}
