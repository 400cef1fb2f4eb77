package dev.waymark;

import java.time.Instant;
import java.util.Map;

/**
 * What is known about a workflow run: the metadata given to {@code run}, and when it started and
 * ended (null while it has not ended).
 */
public record WorkflowMetadata(
    String workflowId,
    WorkflowStatus status,
    Map<String, String> metadata,
    Instant start,
    Instant end) {}
